"""How fast tjänsteutlåtanden are drawn up, beside the floor.

Renders 200 tjänsteutlåtanden for seed 000's facts through the real template (docxtpl in a
Jinja2 sandbox, every value escaped), and beside it writes a bare python-docx document with
the same paragraphs and no template at all: the cost of producing a .docx of that size,
measured here to be slower than the template (python-docx builds each paragraph through
its object API; docxtpl renders the XML as text). The true floor is therefore the third
figure: reading and saving the template package with nothing rendered. All in this process,
one after the other, same data.

    .venv/bin/python -m bench.bench_dokument [antal]
"""

from __future__ import annotations

import io
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document

from arende.adapters.dokumentmallar import Wordmallar, docx_stycken
from arende.bootstrap import las_typer
from arende.domain.arende import Arende, Faststallande, Samverkan
from arende.domain.diarienummer import Diarienummer
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.domain.roller import Roll
from arende.service_layer.dokumentdata import tjansteutlatande
from arende.service_layer.regler import Kvalitetsutmarkelsen

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from tests.seed000 import exempel  # noqa: E402


class Grunddata:
    """The reference data seed 000 needs, in memory: the benchmark measures rendering only."""

    def namnd(self, namn: str) -> Namnd:
        return Namnd(namn, "SoN", "Socialtjänstförvaltningen")

    def person(self, namn: str) -> Person:
        return Person(namn, frozenset({Roll.CHEF}), telefon="08-508 256 15", titel="Chef")

    def utmarkelsear(self, ar: int) -> Utmarkelsear:
        return Utmarkelsear(
            ar,
            ("förskolor", "skolor", "äldreomsorg", "övrig vård och omsorg", "övriga verksamheter"),
            sista_dag=date(2008, 5, 19),
            utdelning=date(2008, 11, 25),
            utdelningsplats="Blå Hallen i Stadshuset",
        )


def seedens_arende() -> Arende:
    """Seed 000's nomination as fastställd: the type's answers (the award's year, the
    units, the closing comment) are in `uppgifter`, as the registration keeps them."""
    uppgifter = exempel()["uppgifter"]
    return Arende(
        dnr=Diarienummer("SoN", 2008, 1),
        namnd="Socialtjänstnämnden",
        titel="Stadens kvalitetsutmärkelse 2008",
        handlaggare="Lena Murray",
        registreringsdatum=date(2008, 4, 14),
        arendetyp="nominering",
        planerat_sammantrade=date(2008, 5, 13),
        foreslagen_omedelbar_justering=True,
        uppgifter={
            "utmarkelsear": 2008,
            "enheter": [
                {"namn": e["namn"], "klass": e["klass"], "beskrivning": e["beskrivning"]}
                for e in uppgifter["enheter"]
            ],
            "omedelbar_justering": uppgifter["omedelbar_justering"],
            "avslutande_kommentar": uppgifter["avslutande_kommentar"],
        },
        samverkan=Samverkan(date(2008, 5, 6), ""),
        faststallande=Faststallande(date(2008, 5, 7), ("Dag Helin", "Eddie Friberg")),
    )


@dataclass(frozen=True)
class Dokumentmatning:
    """Seconds for `antal` documents each way, measured one after the other in one process."""

    antal: int
    stycken: int
    byte: int
    mall_s: float
    python_docx_s: float
    lasa_spara_s: float


def mat(antal: int = 200) -> Dokumentmatning:
    # The facts as the fastställande step gathers them (service_layer/handlingar.data_for):
    # what every tjänsteutlåtande says, and what the kvalitetsutmärkelse's rules add.
    arende, grunddata = seedens_arende(), Grunddata()
    typ = las_typer(ROT / "deployments" / "arendetyper", ROT / "templates")["nominering"]
    egna = Kvalitetsutmarkelsen().underlag(arende, grunddata)  # type: ignore[arg-type]
    data = tjansteutlatande.tjansteutlatande(arende, typ, egna, grunddata)  # type: ignore[arg-type]
    mallar = Wordmallar(ROT / "templates")
    forlaga = mallar.rendera("tjansteutlatande_nominering.docx", data)
    stycken = docx_stycken(forlaga)

    start = time.perf_counter()
    for _ in range(antal):
        mallar.rendera("tjansteutlatande_nominering.docx", data)
    mall_s = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(antal):
        dokument = Document()
        # Styles resolved once per document: python-docx looks a name up by a linear search.
        stilar = {s: dokument.styles[s] for s, _ in stycken if s != "Tabell"}
        for stil, text in stycken:
            dokument.add_paragraph(text, style=stilar.get(stil))
        dokument.save(io.BytesIO())
    golv_s = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(antal):
        Document(str(ROT / "templates" / "tjansteutlatande_nominering.docx")).save(io.BytesIO())
    packa_s = time.perf_counter() - start
    return Dokumentmatning(antal, len(stycken), len(forlaga), mall_s, golv_s, packa_s)


def main() -> None:
    m = mat(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    antal, mall_s, golv_s, packa_s = m.antal, m.mall_s, m.python_docx_s, m.lasa_spara_s
    print(f"{antal} tjänsteutlåtanden (seed 000, {m.stycken} stycken, {m.byte} byte)")
    print(f"  mall (docxtpl i sandlåda):   {antal / mall_s:8.1f} dokument/s")
    print(f"  python-docx, samma stycken:  {antal / golv_s:8.1f} dokument/s")
    print(f"  bara läsa + spara mallen:    {antal / packa_s:8.1f} dokument/s")
    print(f"  kvot mall / python-docx (tid): {mall_s / golv_s:6.2f}")
    print(f"  kvot mall / läsa+spara (tid):  {mall_s / packa_s:6.2f}")


if __name__ == "__main__":
    main()
