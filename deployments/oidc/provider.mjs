// A local OpenID Connect provider for `make up` and the tests (deployments/oidc_lokal.py starts
// it). panva's oidc-provider does the protocol (it is certified); this file only says who the
// users are, which clients may ask, and shows a login page in Swedish.
//
//   node provider.mjs konfig.json        (or OIDC_KONFIG=konfig.json node provider.mjs)
//
// konfig.json: {
//   "issuer": "http://127.0.0.1:8090", "port": 8090, "host": "127.0.0.1",
//   "clients": [{ "client_id", "client_secret", "redirect_uris", "post_logout_redirect_uris" }],
//   "users": [{ "sub", "email", "name", "password" }],
//   "jwk": { ...an RSA private JWK... }          (optional: else a new key at every start)
// }
//
// Not for production: passwords are in the file in clear, sessions live in memory.

import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider, { errors } from 'oidc-provider';

const fil = process.argv[2] ?? process.env.OIDC_KONFIG;
if (!fil) {
  console.error('Ange konfigurationsfilen: node provider.mjs konfig.json');
  process.exit(2);
}
const konfig = JSON.parse(readFileSync(fil, 'utf8'));
const issuer = new URL(konfig.issuer);
const port = Number(konfig.port ?? issuer.port);
const host = konfig.host ?? issuer.hostname;

// Users are found by sub (findAccount) and by e-post (the login form), the latter as typed in
// any case: Lena.Murray@… and lena.murray@… are the same person.
const perSub = new Map(konfig.users.map((u) => [u.sub, u]));
const perEpost = new Map(konfig.users.map((u) => [u.email.toLowerCase(), u]));

// The signing key: given in the config, or a fresh RS256 key. A fresh key at each start is
// enough locally: relying parties fetch the JWKS anew when they see an unknown kid.
function signeringsnyckel() {
  if (konfig.jwk) return konfig.jwk;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

// Compare hashes, not strings, so the comparison takes as long whatever the password.
function sammaLosenord(givet, ratt) {
  const a = createHash('sha256').update(String(givet)).digest();
  const b = createHash('sha256').update(String(ratt)).digest();
  return timingSafeEqual(a, b);
}

const html = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sida(titel, innehall) {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(titel)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1.2rem;padding:.5rem 1rem}.fel{color:#a00;font-weight:bold}
</style>
</head>
<body>
${innehall}
</body>
</html>`;
}

function inloggningssida(uid, { epost = '', fel = '' } = {}) {
  return sida('Logga in', `<h1>Logga in</h1>
${fel ? `<p class="fel" role="alert">${html(fel)}</p>` : ''}
<form method="post" action="/interaction/${html(uid)}/login" autocomplete="off">
<label for="epost">E-postadress</label>
<input id="epost" name="epost" type="email" required autofocus value="${html(epost)}">
<label for="losenord">Lösenord</label>
<input id="losenord" name="losenord" type="password" required>
<button type="submit">Logga in</button>
</form>`);
}

const provider = new Provider(issuer.href.replace(/\/$/, ''), {
  clients: konfig.clients.map((c) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // The gate asks for a fresh login before a protokoll is signed and checks auth_time.
    require_auth_time: true,
    ...c,
  })),

  async findAccount(ctx, sub) {
    const u = perSub.get(sub);
    if (!u) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: u.email, email_verified: true, name: u.name };
      },
    };
  },

  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  // Put email and name in the ID token itself, not only in userinfo: the gate reads them there.
  conformIdTokenClaims: false,

  // PKCE (S256) for every client, confidential ones too.
  pkce: { required: () => true },

  features: {
    // devInteractions logs anyone in with any password: our own login page below instead.
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = sida('Logga ut', `<h1>Logga ut?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Logga ut</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = sida('Utloggad', '<h1>Du är utloggad.</h1>');
      },
    },
  },

  // The configured clients are our own applications: consent is given for them, never asked
  // (oidc-provider's documented way for first-party clients).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },

  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = sida('Något gick fel', `<h1>Något gick fel</h1>
<p>${html(out.error)}${out.error_description ? `: ${html(out.error_description)}` : ''}</p>`);
  },

  jwks: { keys: [signeringsnyckel()] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // Short lives: a local provider, restarted often. A login lasts a working day.
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    Session: 10 * 3600,
    Grant: 10 * 3600,
  },
});

// The interaction: GET shows the login form; POST checks e-post and password.
async function formular(req) {
  let text = '';
  for await (const bit of req) text += bit;
  return new URLSearchParams(text);
}

provider.use(async (ctx, next) => {
  const traff = ctx.path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!traff) return next();
  ctx.set('cache-control', 'no-store');
  ctx.type = 'html';
  try {
    const detaljer = await provider.interactionDetails(ctx.req, ctx.res);
    if (detaljer.prompt.name !== 'login') {
      // Consent is never asked (loadExistingGrant above); anything else is not ours to show.
      ctx.status = 400;
      ctx.body = sida('Något gick fel', `<h1>Oväntat steg: ${html(detaljer.prompt.name)}</h1>`);
      return undefined;
    }
    if (ctx.method === 'GET' && !traff[2]) {
      ctx.body = inloggningssida(detaljer.uid);
      return undefined;
    }
    if (ctx.method === 'POST' && traff[2]) {
      const data = await formular(ctx.req);
      const epost = (data.get('epost') ?? '').trim();
      const anvandare = perEpost.get(epost.toLowerCase());
      if (!anvandare || !sammaLosenord(data.get('losenord') ?? '', anvandare.password)) {
        ctx.status = 401;
        ctx.body = inloggningssida(detaljer.uid, { epost, fel: 'Fel e-postadress eller lösenord.' });
        return undefined;
      }
      // A new login, even by the one already logged in: auth_time becomes now.
      return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: anvandare.sub } }, {
        mergeWithLastSubmission: false,
      });
    }
    return next();
  } catch (fel) {
    if (fel instanceof errors.SessionNotFound) {
      ctx.status = 400;
      ctx.body = sida('Inloggningen har gått ut', `<h1>Inloggningen har gått ut</h1>
<p>Gå tillbaka till tjänsten och börja om.</p>`);
      return undefined;
    }
    throw fel;
  }
});

provider.listen(port, host, () => {
  console.log(`OIDC-leverantören svarar på ${provider.issuer} (${konfig.users.length} användare)`);
});
