"""The registrator's view in Prefect's UI: the diarium as a table artifact, what came in and
waits for her look as another, and, for a given
dnr, the ärende's history (our audit log merged with Prefect's run states) as a Markdown
artifact, so the registrator never needs a shell. Reads only; changes nothing."""

from __future__ import annotations

import re

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.settings import PREFECT_API_URL

from arende.bootstrap import starta
from arende.domain.diarienummer import paketnamn
from arende.service_layer import visningar
from arende.service_layer.visningsportar import Diarieurval

STORSTA_TABELL = 1000  # rows in one table artifact; the description says if there are more


def artefaktnyckel(dnr: str) -> str:
    """Artifact keys allow lowercase letters, digits and dashes only."""
    return "historik-" + re.sub(r"[^a-z0-9]+", "-", paketnamn(dnr).lower()).strip("-")


def _markdown(dnr: str, titel: str, rader: list[str], saknas: str | None) -> str:
    # Escape what Markdown would read as emphasis or links in names and texts.
    def ren(text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)

    delar = [f"# Historik för {ren(dnr)}", "", f"**{ren(titel)}**", ""]
    delar += [f"- {ren(r)}" for r in rader]
    if saknas:
        delar += ["", f"> {ren(saknas)}"]
    delar += [
        "",
        "Rader med nummer är granskningsloggens händelser (aktör och roll som systemet "
        "kontrollerat); rader med P är Prefects körningstillstånd.",
    ]
    return "\n".join(delar)


@flow(name="registrator", log_prints=True)
def registrator(namnd: str | None = None, ar: int | None = None, dnr: str | None = None) -> str:
    """Diariet som tabell och, om ett diarienummer anges, ärendets historik.

    Args:
        namnd: Bara denna nämnd, t.ex. Socialtjänstnämnden. Tomt: alla nämnder.
        ar: Bara detta diarieår, t.ex. 2008. Tomt: alla år.
        dnr: Diarienummer vars historik visas, t.ex. SoN 2008/1. Tomt: bara diariet.
    """
    system = starta()
    sida = visningar.diariesida(
        system.uow(), Diarieurval(namnd=namnd or None, ar=ar, per_sida=STORSTA_TABELL)
    )
    urval = ", ".join(t for t in (namnd, str(ar) if ar else None) if t) or "alla nämnder och år"
    mer = (
        f" Visar de första {STORSTA_TABELL}; använd `arende diarium --sida` för resten."
        if sida.sidor > 1
        else ""
    )
    create_table_artifact(
        key="diarium",
        table=[
            {
                "Dnr": r.dnr,
                "Datum": r.registreringsdatum.isoformat(),
                "Nämnd": r.namnd,
                "Ärendemening": r.titel,
                "Handläggare": r.handlaggare,
                "Status": r.skede,
            }
            for r in sida.rader
        ],
        description=f"Diariet ({urval}): {sida.totalt} ärenden.{mer}",
    )
    print(f"Diariet ({urval}): {sida.totalt} ärenden publicerade som tabell.")
    ogranskade = visningar.ogranskade(system.uow())
    create_table_artifact(
        key="ogranskade",
        table=[
            {
                "Dnr": h.dnr,
                "Nr": h.nummer,
                "Inkom": h.datum.isoformat(),
                "Typ": h.typ,
                "Avsändare": h.motpart_i_registret or "",
                "Titel": h.titel,
            }
            for h in ogranskade
        ],
        description=(
            f"Inkommet som väntar på granskning: {len(ogranskade)} handlingar. De visas inte "
            "publikt förrän de är granskade (`arende granska DNR NUMMER`)."
        ),
    )
    utan_arende = system.postko.vantande()
    create_table_artifact(
        key="att-registrera",
        table=[
            {
                "Mottaget": v.mottaget.isoformat() if v.mottaget else v.inkom.isoformat(),
                "Avsändare": v.avsandare,
                "Ämne": v.beskrivning,
                "Fil": str(v.fil),
                "Varför": v.skal,
            }
            for v in utan_arende
        ],
        description=(
            f"E-post utan ärende: {len(utan_arende)} brev väntar på att registreras, på ett "
            "ärende (`arende inkommande FIL --dnr …`) eller som ett nytt "
            "(`arende inkommande-nytt FIL …`)."
        ),
    )
    if not dnr:
        return f"{sida.totalt} ärenden"
    arende = visningar.hamta_arende(system.uow(), dnr)
    linje = visningar.tidslinje(
        system.uow(), dnr, system.korningshistorik(PREFECT_API_URL.value() or None)
    )
    create_markdown_artifact(
        key=artefaktnyckel(str(arende.dnr)),
        markdown=_markdown(str(arende.dnr), arende.titel, linje.rader, linje.prefect_saknas),
        description=f"Historik för {arende.dnr}",
    )
    print(f"Historiken för {arende.dnr} publicerad ({len(linje.rader)} rader).")
    return f"{sida.totalt} ärenden; historik för {arende.dnr}"
