"""An earlier document into the diarium, in Prefect's UI: the run reads the file (Word, a PDF's
text, or OCR of a scan or an image), shows the table of what was found and what was missed
as an artifact and in a form pre-filled with what was read, and registers only what the
registrator confirms there, as herself (the login gate's intyg), through the one command
pipeline. Unchecking "Registrera" ends the run with nothing registered.

A protokoll of several §§ lists its §§ (what was read and missed of each, and what the
import does with it) read-only, and its form asks only for what holds for the whole: the
nämnd, the sammanträde's date and the handläggare of the ärenden.

The file is named relative to the import folder (ARENDE_IMPORT_DIR, var/import): the form
can reach no other path.
"""

from __future__ import annotations

import re
from datetime import date

from prefect import flow
from prefect.artifacts import create_markdown_artifact
from pydantic import Field

from arende.config import Installningar
from arende.domain.fel import OgiltigUppgift
from arende.domain.handelser import AldreHandlingImporterad
from arende.domain.inkommen_fil import kontrollera_namn
from arende.service_layer.aldre_handlingar import (
    KALLOR,
    SAKNAS,
    Forhandsvisning,
    Komplettering,
    forhandsgranska,
    importkommando,
)
from arende.service_layer.kommandon import (
    ImporteraAldreHandling,
    ImporteraProtokoll,
    InkommenFil,
)
from flows.arendesteg import korning, system, utfor
from flows.formular import Formularsvar
from flows.fraga import Akt, fraga
from flows.handlingar import redan_visad


class AldreHandlingSvar(Formularsvar):
    registrera: bool = Field(
        True,
        title="Registrera",
        description="Avmarkera för att avsluta utan att registrera något.",
    )
    namnd: str = Field("", title="Nämnd", description="En av registrets nämnder.")
    dnr: str = Field(
        "",
        title="Diarienummer",
        description="Handlingens eget nummer (t.ex. SoN 2008/12). Tomt: nästa nummer i årets serie.",
    )
    datum: date | None = Field(None, title="Datum", description="Handlingens datum.")
    handlaggare: str = Field(
        "", title="Handläggare", description="Ärendets handläggare: en person i registret."
    )
    titel: str = Field("", title="Titel (ärendemening)")
    forslag: list[str] = Field(
        default_factory=list, title="Förslag till beslut", description="En punkt per rad."
    )
    undertecknare: list[str] = Field(default_factory=list, title="Undertecknare")


def _fil(namn: str) -> tuple[str, bytes]:
    katalog = Installningar().import_dir
    kontrollera_namn(namn)  # no path: 'a/b.pdf', '../x', '/etc/passwd' are refused
    fil = katalog / namn
    if not fil.is_file():
        raise OgiltigUppgift(f"Filen '{namn}' finns inte i importmappen ({katalog}).")
    return namn, fil.read_bytes()


class AldreProtokollSvar(Formularsvar):
    registrera: bool = Field(
        True,
        title="Registrera",
        description="Avmarkera för att avsluta utan att registrera något.",
    )
    namnd: str = Field("", title="Nämnd", description="En av registrets nämnder.")
    datum: date | None = Field(None, title="Sammanträdets datum")
    handlaggare: str = Field(
        "",
        title="Handläggare",
        description="Ärendenas handläggare: en person i registret. Tomt: du som registrerar.",
    )


def ren(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def tabell_markdown(visning: Forhandsvisning) -> str:
    rader = [
        f"**{ren(visning.filnamn)}**, läst ur {KALLOR.get(visning.kalla, visning.kalla)}",
        "",
        "| Fält | Status | Värde |",
        "|---|---|---|",
    ]
    for falt, status, varde in visning.rader():
        kort = varde if len(varde) <= 120 else varde[:119] + "…"
        rader.append(f"| {falt} | {'**saknas**' if status == SAKNAS else status} | {ren(kort)} |")
    if visning.paragrafer:
        rader += [
            "",
            f"**Protokollets {len(visning.paragrafer)} paragrafer**",
            "",
            "| § | Titel | Dnr | Beslut | Saknas | Vid import |",
            "|---|---|---|---|---|---|",
        ]
        for paragraf, titel, dnr, beslut, saknas, atgard in visning.paragrafrader():
            kort = beslut if len(beslut) <= 120 else beslut[:119] + "…"
            rader.append(
                f"| {paragraf} | {ren(titel)} | {ren(dnr)} | {ren(kort)} | "
                f"{f'**{saknas}**' if saknas else ''} | {ren(atgard)} |"
            )
    if visning.anmarkningar():
        rader += ["", *(f"- {ren(a)}" for a in visning.anmarkningar())]
    return "\n".join(rader)


@flow(name="aldre-handling", log_prints=True)
def aldre_handling(fil: str) -> str:
    """Importera en äldre handling (tjänsteutlåtande, protokoll eller verksamhetsplan) till
    diariet: visar vad som lästes och vad som saknas, och registrerar det du bekräftar.

    Args:
        fil: Filens namn i importmappen (var/import), t.ex. tjansteutlatande-2008.pdf: Word,
            PDF (med text eller skannad), en bild av handlingen (png, jpg, tif) eller txt.
    """
    sys = system()
    namn, innehall = _fil(fil)
    visning = forhandsgranska(
        sys.uow(),
        sys.textlasare,
        namn,
        innehall,
        sys.storsta_inkommande,
        idag=sys.klocka.idag(),
    )
    tabell = tabell_markdown(visning)
    if not redan_visad("import-tabell"):
        create_markdown_artifact(
            key="import-tabell", markdown=tabell, description=f"Läst ur {namn}"
        )
    fynd = visning.fynd
    registrerat: list[str] = []

    def utfort(kommando: ImporteraAldreHandling | ImporteraProtokoll) -> None:
        for h in utfor(kommando):
            if isinstance(h, AldreHandlingImporterad):
                registrerat.append(f"{h.dnr}: handling {h.nummer} ({h.typ})")

    if fynd.flera_paragrafer:

        def registrera_protokoll(svar: AldreProtokollSvar, akt: Akt) -> None:
            if not svar.registrera:
                return
            utfort(
                importkommando(
                    visning,
                    Komplettering(
                        namnd=svar.namnd.strip() or None,
                        datum=svar.datum,
                        handlaggare=svar.handlaggare.strip() or None,
                    ),
                    InkommenFil(namn, innehall),
                    aktor=akt.aktor,
                    nyckel=f"aldre-handling:{korning()}:{akt.nyckel}",
                    flodeskorning=korning(),
                    inloggning=akt.inloggning,
                )
            )

        fraga(
            AldreProtokollSvar,
            "aldre-protokoll",
            "## Äldre protokoll: kontrollera och registrera\n\n"
            + tabell
            + "\n\nParagraferna registreras som de lästes. Fyll i det som saknas och "
            "registrera: protokollet blir handling 1 i ett avslutat ärende för sammanträdet, "
            "och varje § med diarienummer ett avslutat ärende under numret (eller ett "
            "protokollsutdrag i det ärende som redan finns), med ett protokollsutdrag av "
            "paragrafen. Allt registreras i ditt namn, på en gång eller inte alls.",
            registrera_protokoll,
            namnd=visning.namnd_i_registret or "",
            datum=fynd.datum,
            handlaggare="",
        )
        return _utfall(namn, registrerat)

    def registrera(svar: AldreHandlingSvar, akt: Akt) -> None:
        if not svar.registrera:
            return
        kommando = importkommando(
            visning,
            Komplettering(
                namnd=svar.namnd.strip() or None,
                dnr=svar.dnr.strip() or None,
                utan_dnr=not svar.dnr.strip(),
                datum=svar.datum,
                handlaggare=svar.handlaggare.strip() or None,
                titel=svar.titel.strip() or None,
                forslag=tuple(p.strip() for p in svar.forslag if p.strip()),
                undertecknare=tuple(u.strip() for u in svar.undertecknare if u.strip()),
            ),
            InkommenFil(namn, innehall),
            aktor=akt.aktor,
            # Every run asks the same form: the run names the registration.
            nyckel=f"aldre-handling:{korning()}:{akt.nyckel}",
            flodeskorning=korning(),
            inloggning=akt.inloggning,
        )
        utfort(kommando)

    fraga(
        AldreHandlingSvar,
        "aldre-handling",
        "## Äldre handling: kontrollera och registrera\n\n"
        + tabell
        + "\n\nRätta det som lästes fel och fyll i det som saknas. Registreringen görs i ditt "
        "namn; ärendet registreras som avslutat med filen som handling 1.",
        registrera,
        namnd=visning.namnd_i_registret or "",
        dnr=str(fynd.dnr.text) if fynd.dnr else "",
        datum=fynd.datum,
        handlaggare=visning.handlaggare_i_registret or "",
        titel=fynd.titel or "",
        forslag=list(fynd.forslag),
        undertecknare=list(fynd.undertecknare),
    )
    return _utfall(namn, registrerat)


def _utfall(namn: str, registrerat: list[str]) -> str:
    if not registrerat:
        print(f"{namn}: inget registrerat.")
        return "inget registrerat"
    utfall = "Registrerade " + ", ".join(registrerat)
    print(utfall)
    return utfall
