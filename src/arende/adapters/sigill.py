"""The nämnd's electronic seal on the justerat protokoll: PAdES signatures made and
validated by pyHanko.

Each nämnd has its seal certificate as a PKCS#12 file in one folder (`Socialtjanstnamnden.p12`,
named like the sammanträde's folder in the archive). The justerat protokoll gets one seal
signature per signatory, in the order they signed, each an incremental update: the first
is a certification signature that allows further signatures only, so any other change
afterwards is named by the check. Each signature's /Name names the signatory and her role,
its /Reason what she approved (the protokoll's sha256) and when.

For development and tests, `skapa_testsigill` makes a local test CA and a nämnd's seal
certificate with `cryptography` when they are missing: the adapter calls it when told to
(`testrot=True`, the default settings), and tests call it directly.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

# pyHanko is imported where a seal is made or checked, not with the module: every flow-run
# process imports this adapter (bootstrap), few seal, and pyHanko was a fifth of the
# imports of a process that resumes a form.
if TYPE_CHECKING:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import TjanstSaknas
from arende.service_layer.ports import Sigillkontroll, Sigillstatus, Underskrift

KOMMUN = "Stockholms stad"
TESTROT = "testrot.pem"
TESTROTNYCKEL = "testrot-nyckel.pem"


def sigillfil(katalog: Path, namnd: str) -> Path:
    """The nämnd's seal: 'Socialtjänstnämnden' -> katalog/Socialtjanstnamnden.p12 (ASCII, like
    a file any tool can name)."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", namnd)
    return katalog / ("".join(c for c in ascii_ if c.isascii() and c.isalnum()) + ".p12")


def _skriv(fil: Path, innehall: bytes) -> None:
    fd, tillfallig = tempfile.mkstemp(dir=fil.parent, prefix=".", suffix=".tmp")
    with os.fdopen(fd, "wb") as ut:
        ut.write(innehall)
    os.chmod(tillfallig, 0o600)
    os.replace(tillfallig, fil)


@contextmanager
def _last(katalog: Path) -> Iterator[None]:
    """One process at a time makes the test CA and seals (two workers must not make two
    CAs)."""
    katalog.mkdir(parents=True, exist_ok=True)
    with (katalog / ".las").open("w") as las:
        fcntl.flock(las, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(las, fcntl.LOCK_UN)


def _namn(*delar: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, varde) for oid, varde in delar])


def skapa_testsigill(katalog: Path, namnd: str, losenord: str = "", kommun: str = KOMMUN) -> Path:
    """A local test CA (katalog/testrot.pem) and the nämnd's seal certificate issued by it
    (katalog/<nämnd>.p12), made if missing; returns the seal's file. For development and
    tests only: the CA's key lies beside it."""
    fil = sigillfil(katalog, namnd)
    with _last(katalog):
        if fil.is_file():
            return fil
        nu = datetime.now(UTC) - timedelta(days=1)
        rotfil, rotnyckelfil = katalog / TESTROT, katalog / TESTROTNYCKEL
        if rotfil.is_file() and rotnyckelfil.is_file():
            rot = x509.load_pem_x509_certificate(rotfil.read_bytes())
            rotnyckel = serialization.load_pem_private_key(rotnyckelfil.read_bytes(), None)
            assert isinstance(rotnyckel, ec.EllipticCurvePrivateKey)
        else:
            rotnyckel = ec.generate_private_key(ec.SECP256R1())
            rotnamn = _namn(
                (NameOID.COUNTRY_NAME, "SE"),
                (NameOID.ORGANIZATION_NAME, kommun),
                (NameOID.COMMON_NAME, f"{kommun} testrot för sigill (endast utveckling)"),
            )
            rot = (
                x509.CertificateBuilder()
                .subject_name(rotnamn)
                .issuer_name(rotnamn)
                .public_key(rotnyckel.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(nu)
                .not_valid_after(nu + timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(
                    x509.KeyUsage(
                        digital_signature=False,
                        content_commitment=False,
                        key_encipherment=False,
                        data_encipherment=False,
                        key_agreement=False,
                        key_cert_sign=True,
                        crl_sign=True,
                        encipher_only=False,
                        decipher_only=False,
                    ),
                    critical=True,
                )
                .add_extension(
                    x509.SubjectKeyIdentifier.from_public_key(rotnyckel.public_key()),
                    critical=False,
                )
                .sign(rotnyckel, hashes.SHA256())
            )
            _skriv(
                rotnyckelfil,
                rotnyckel.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ),
            )
            _skriv(rotfil, rot.public_bytes(serialization.Encoding.PEM))
        nyckel = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(
                _namn(
                    (NameOID.COUNTRY_NAME, "SE"),
                    (NameOID.ORGANIZATION_NAME, kommun),
                    (NameOID.ORGANIZATIONAL_UNIT_NAME, namnd),
                    (NameOID.COMMON_NAME, f"{namnd}, {kommun}"),
                )
            )
            .issuer_name(rot.subject)
            .public_key(nyckel.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(nu)
            .not_valid_after(nu + timedelta(days=3 * 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,  # non-repudiation
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(rot.public_key()),  # type: ignore[arg-type]
                critical=False,
            )
            .sign(rotnyckel, hashes.SHA256())
        )
        kryptering: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(losenord.encode())
            if losenord
            else serialization.NoEncryption()
        )
        _skriv(
            fil,
            pkcs12.serialize_key_and_certificates(namnd.encode(), nyckel, cert, [rot], kryptering),
        )
        return fil


def _svensk_tid(tid: datetime) -> str:
    return tid.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def signaturnamn(u: Underskrift) -> str:
    return f"{u.namn} ({u.roll})"


def signaturskal(u: Underskrift) -> str:
    return (
        f"Protokollet justerat: {u.namn}, {u.roll}, signerade {_svensk_tid(u.tidpunkt)} "
        f"(svensk tid) protokollet med sha256 {u.sha256}"
    )


def _samma_producent(skrivare: IncrementalPdfFileWriter) -> None:
    """PDF/A: the Info dictionary's /Producer must equal the XMP's pdf:Producer, and
    pyHanko writes its own name into the XMP but appends it in /Info: make them the same."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    try:
        ref = skrivare.trailer.raw_get("/Info")
    except KeyError:
        return
    if isinstance(ref, generic.IndirectObject):
        info = ref.get_object()  # type: ignore[no-untyped-call]
        assert isinstance(info, generic.DictionaryObject)
        info["/Producer"] = generic.TextStringObject(VENDOR)
        skrivare.mark_update(ref)


class PadesSigill:
    """PAdES seals with the nämnd's certificate (PKCS#12 in `katalog`), validated against
    `rotcertifikat` (PEM files; default the test CA in `katalog` when `testrot`)."""

    def __init__(
        self,
        katalog: Path,
        losenord: str = "",
        rotcertifikat: Sequence[Path] = (),
        *,
        testrot: bool = False,
        kommun: str = KOMMUN,
    ) -> None:
        self.katalog = katalog
        self.losenord = losenord
        self.rotcertifikat = tuple(rotcertifikat)
        self.testrot = testrot
        self.kommun = kommun

    # -- sealing ------------------------------------------------------------------------------

    def _signerare(self, namnd: str) -> signers.SimpleSigner:
        from pyhanko.sign import signers

        fil = sigillfil(self.katalog, namnd)
        if not fil.is_file() and self.testrot:
            skapa_testsigill(self.katalog, namnd, self.losenord, self.kommun)
        if not fil.is_file():
            raise TjanstSaknas(
                f"{namnd}s sigill saknas ({fil}): lägg nämndens sigillcertifikat där som "
                "PKCS#12-fil (ARENDE_SIGILL_DIR, lösenordet i ARENDE_SIGILL_LOSENORD)."
            )
        signerare: signers.SimpleSigner | None = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
            str(fil), passphrase=self.losenord.encode() if self.losenord else None
        )
        if signerare is None:
            raise TjanstSaknas(
                f"{namnd}s sigill ({fil}) kunde inte läsas: fel lösenord eller trasig fil."
            )
        return signerare

    def forsegla(self, pdf: bytes, namnd: str, underskrifter: Sequence[Underskrift]) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        signerare = self._signerare(namnd)
        ut = pdf
        for i, u in enumerate(underskrifter, start=1):
            meta = signers.PdfSignatureMetadata(
                field_name=f"Justering{i}",
                name=signaturnamn(u),
                reason=signaturskal(u),
                location=f"{namnd}, {self.kommun}",
                subfilter=fields.SigSeedSubFilter.PADES,
                md_algorithm="sha256",
                # The first seal certifies the protokoll and allows further signatures only.
                certify=i == 1,
                docmdp_permissions=fields.MDPPerm.FILL_FORMS,
            )
            skrivare = IncrementalPdfFileWriter(BytesIO(ut))
            if i == 1:
                _samma_producent(skrivare)
            ut = signers.PdfSigner(meta, signer=signerare).sign_pdf(skrivare).getvalue()
        return ut

    # -- validation ---------------------------------------------------------------------------

    def _rotter(self) -> list[Any]:
        """The trust roots, as the validator reads them (asn1crypto certificates)."""
        from pyhanko.keys.pemder import load_certs_from_pemder_data

        filer = self.rotcertifikat or ((self.katalog / TESTROT,) if self.testrot else ())
        rotter: list[Any] = []
        for fil in filer:
            if not fil.is_file():
                raise TjanstSaknas(f"Rotcertifikatet för sigillen saknas ({fil}).")
            rotter += load_certs_from_pemder_data(fil.read_bytes())
        if not rotter:
            raise TjanstSaknas(
                "Inget rotcertifikat är angivet för sigillen (ARENDE_SIGILL_ROTCERTIFIKAT)."
            )
        return rotter

    def kontrollera(self, pdf: bytes) -> Sigillkontroll:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.settings import KeyUsageConstraints
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        from pyhanko_certvalidator import ValidationContext

        try:
            signaturer = PdfFileReader(BytesIO(pdf)).embedded_signatures
        except Exception as fel:  # a damaged file is a finding, not a crash
            return Sigillkontroll(fel=f"filen kan inte läsas som PDF ({fel})")
        try:
            rotter = self._rotter()
        except TjanstSaknas as fel:
            return Sigillkontroll(fel=fel.meddelande)
        statusar = []
        for sig in signaturer:
            kontext = ValidationContext(
                trust_roots=rotter, allow_fetching=False, revocation_mode="soft-fail"
            )
            try:
                status = validate_pdf_signature(
                    sig,
                    kontext,
                    key_usage_settings=KeyUsageConstraints(key_usage={"non_repudiation"}),
                )
            except Exception as fel:
                statusar.append(
                    Sigillstatus(
                        falt=sig.field_name,
                        namn=str(sig.sig_object.get("/Name", "")),
                        skal=f"kunde inte valideras: {fel}",
                        tidpunkt=None,
                        utfardat_for="",
                        intakt=False,
                        giltig=False,
                        betrodd=False,
                        hela_filen=False,
                        andrat_efter=True,
                    )
                )
                continue
            niva = status.modification_level
            hela = status.coverage is SignatureCoverageLevel.ENTIRE_FILE
            andrat = not hela and (
                niva is None
                or niva > ModificationLevel.FORM_FILLING
                or status.docmdp_ok is False
                or status.coverage is not SignatureCoverageLevel.ENTIRE_REVISION
            )
            statusar.append(
                Sigillstatus(
                    falt=sig.field_name,
                    namn=str(sig.sig_object.get("/Name", "")),
                    skal=str(sig.sig_object.get("/Reason", "")),
                    tidpunkt=sig.self_reported_timestamp,
                    utfardat_for=status.signing_cert.subject.human_friendly,
                    intakt=status.intact,
                    giltig=status.valid,
                    betrodd=status.trusted,
                    hela_filen=hela,
                    andrat_efter=andrat,
                )
            )
        return Sigillkontroll(tuple(statusar))
