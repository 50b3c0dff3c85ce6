"""A request for allmän handling as a flow: the registrator (or handläggare) starts it with
what came in, the run registers the request with the moment it came in, and waits for the
handläggare's prövning in a form: one choice per handling asked for, a sekretessmarkerad one
pre-filled as 'prövas' with its marking's provision, and the handling's text shown in
numbered stycken so a masking can name them. The answer is the ProvaBegaran command: the
masked copies and, for what is refused, the written decision are drawn up and registered,
and shown on the run with their PDF.

The run's id is the registration's key and the form's key is the request's, so a resumed or
restarted run registers and tries nothing twice. A request still open is reminded by the
scheduler (service_layer/begaranvy.py), not by this run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from prefect import flow, runtime
from prefect.artifacts import create_markdown_artifact
from pydantic import Field, create_model

from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import BegaranRegistrerad
from arende.domain.utlamnande import PROVAS, Begaran
from arende.service_layer import handlingar as handlingsvy
from arende.service_layer import utlamnande as begaranvy
from arende.service_layer import visningar
from arende.service_layer.kommandon import ProvaBegaran, Provningssvar, RegistreraBegaran
from flows.arendesteg import korning, system, utfor
from flows.formular import Formularsvar
from flows.fraga import Akt, Avisering, fraga, inloggad, personen
from flows.handlingar import filadress, publicera_vantande, redan_visad
from flows.tavlingsbidrag import slug

FLODE = "utlamnande"
VAL = Literal["prövas", "lämnas ut", "lämnas ut med maskering", "avslås"]
# The form shows each handling's stycken so that a masking can name them; a long text is
# cut in the form (every stycke is still numbered, and `arende stycken` shows them whole).
STYCKEN_I_FORMULARET = 80
STYCKETS_LANGD = 160


def provningsformular(nummer: list[int]) -> type[Formularsvar]:
    """One choice, provision and stycken field per handling asked for."""
    falt: dict[str, Any] = {}
    for n in nummer:
        falt[f"utfall_{n}"] = (
            VAL,
            Field(PROVAS, title=f"Handling {n}: beslut", description="Välj för varje handling."),
        )
        falt[f"bestammelse_{n}"] = (
            str,
            Field(
                "",
                title=f"Handling {n}: bestämmelse i OSL",
                description="Vid maskering eller avslag, t.ex. 'OSL 26 kap. 1 §'.",
            ),
        )
        falt[f"stycken_{n}"] = (
            str,
            Field(
                "",
                title=f"Handling {n}: stycken att maskera",
                description="Bara vid maskering: styckenas nummer, t.ex. '3' eller '3-5, 8'.",
            ),
        )
    modell: type[Formularsvar] = create_model("Provning", __base__=Formularsvar, **falt)
    return modell


def _beskrivning(b: Begaran, begarda: list[begaranvy.Begard]) -> str:
    delar = [
        f"## Pröva begäran om allmän handling\n\n**Ärende:** {b.dnr}, begäran {b.nummer}  \n"
        f"**Mottagen:** {begaranvy.mottagen_text(b)}  \n**Sökande:** {b.vem}"
        + (f" ({b.kontakt})" if b.kontakt else "")
        + f"  \n**Önskar:** {'kopia' if b.kopia else 'att läsa på stället'}"
        + (f"  \n**Begäran:** {b.beskrivning}" if b.beskrivning else "")
        + "\n\nEn begäran prövas genast eller så snart som möjligt, och en kopia lämnas ut "
        "skyndsamt (2 kap. 15–16 §§ tryckfrihetsförordningen). Välj för varje handling: "
        "lämnas ut, lämnas ut med maskering (ange bestämmelsen och styckena) eller avslås "
        "(ange bestämmelsen). Sekretessmarkerade handlingar står som *prövas*, med "
        "markeringens bestämmelse ifylld. Ett avslag eller en maskering blir ett skriftligt "
        "beslut med hänvisning om hur det överklagas till kammarrätten."
    ]
    for h in begarda:
        delar.append(f"### Handling {h.nummer}\n\n{h.beskrivning}\n")
        if not h.stycken:
            delar.append("*Handlingen har ingen text (en bild): den kan inte maskeras här.*\n")
        for i, text in enumerate(h.stycken[:STYCKEN_I_FORMULARET], start=1):
            kort = text if len(text) <= STYCKETS_LANGD else text[: STYCKETS_LANGD - 1] + "…"
            delar.append(f"{i}. {kort}")
        if len(h.stycken) > STYCKEN_I_FORMULARET:
            delar.append(
                f"\n*… {len(h.stycken)} stycken; alla visas med `arende stycken "
                f'"{b.dnr}" {h.nummer}`.*'
            )
        delar.append("")
    return "\n".join(delar)


def _prova(d: Diarienummer, b: Begaran, svar: Formularsvar, akt: Akt) -> None:
    varden = svar.model_dump()
    utfor(
        akt.kommando(
            ProvaBegaran,
            dnr=d,
            begaran=b.nummer,
            provningar=[
                Provningssvar(
                    n,
                    str(varden[f"utfall_{n}"]),
                    str(varden[f"bestammelse_{n}"]) or None,
                    str(varden[f"stycken_{n}"]),
                )
                for n in b.handlingar
            ],
        )
    )


@flow(name=FLODE, log_prints=True)
def utlamnande(
    dnr: str,
    handlingar: list[int],
    sokande: str = "",
    kontakt: str = "",
    mottagen: datetime | None = None,
    beskrivning: str = "",
    kopia: bool = True,
    intyg: str = "",
) -> str:
    """Registrera en begäran om att ta del av allmänna handlingar och pröva den.

    Args:
        dnr: Ärendet vars handlingar begärs, t.ex. SoN 2008/1.
        handlingar: De begärda handlingarnas nummer i ärendet (arende handlingar).
        sokande: Vem som begär; får lämnas tomt (rätten att vara anonym, TF 2 kap. 18 §).
        kontakt: E-post eller adress för svaret (valfritt).
        mottagen: När begäran kom in (datum och klockslag); tomt: när körningen startades.
        beskrivning: Vad som begärs, med sökandens ord (valfritt).
        kopia: Ja om sökanden vill ha en kopia, nej för att läsa på stället.
        intyg: Inloggningens intyg om vem som startade körningen (fylls i av inloggningen).
    """
    arendesystem = system()
    inloggning = inloggad(intyg, deployment=str(runtime.deployment.id))
    d = Diarienummer.tolka(dnr)
    # The run's scheduled start, not the clock: a replay registers the same moment.
    start = runtime.flow_run.scheduled_start_time
    handelser = utfor(
        RegistreraBegaran(
            aktor=inloggning.namn,
            inloggning=inloggning,
            nyckel=visningar.korningsnyckel(korning()),
            dnr=d,
            mottagen=mottagen or datetime.fromisoformat(str(start)).astimezone(STOCKHOLM),
            handlingar=handlingar,
            sokande=sokande,
            kontakt=kontakt,
            beskrivning=beskrivning,
            kopia=kopia,
        )
    )
    nummer = next(h.nummer for h in handelser if isinstance(h, BegaranRegistrerad))
    b = begaranvy.hamta(arendesystem.uow(), str(d), nummer)
    arende = visningar.hamta_arende(arendesystem.uow(), str(d))
    begarda = begaranvy.begard(arendesystem.uow(), arendesystem.beroenden, str(d), nummer)
    forval: dict[str, Any] = {}
    for h in begarda:
        forval[f"utfall_{h.nummer}"] = h.utfall
        forval[f"bestammelse_{h.nummer}"] = h.bestammelse
        forval[f"stycken_{h.nummer}"] = h.maskera
    fraga(
        provningsformular(list(b.handlingar)),
        f"provning-{slug(str(d))}-{nummer}",
        _beskrivning(b, begarda),
        lambda svar, akt: _prova(d, b, svar, akt),
        avisering=Avisering(
            f"Pröva begäran om allmän handling i {d}", personen(arende.handlaggare, arende.namnd)
        ),
        **forval,
    )
    publicera_vantande()
    return _redovisa(str(d), nummer)


def _redovisa(dnr: str, nummer: int) -> str:
    """What is given out, with links to the files, on the run (once)."""
    arendesystem = system()
    b = begaranvy.hamta(arendesystem.uow(), dnr, nummer)
    senaste = {h.nummer: h for h in handlingsvy.handlingar(arendesystem.uow(), dnr)}

    def lank(n: int) -> str:
        h = senaste[n]
        fil = h.pdf_fil or h.fil
        return f"[handling {n}]({filadress(arendesystem, fil)})"

    rader = [f"# Begäran {nummer} i {dnr} är prövad", ""]
    rader += [f"- {rad}" for rad in begaranvy.redovisning(b, lank)]
    text = "\n".join(rader)
    nyckel = f"utlamnande-{slug(dnr)}-{nummer}"
    if not redan_visad(nyckel):
        create_markdown_artifact(key=nyckel, markdown=text, description=f"Begäran {nummer}, {dnr}")
    print(text)
    return text
