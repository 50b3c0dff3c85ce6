"""Seed 003 (Vuxenenheten Östermalm's tävlingsbidrag 2020) read into its parts.

The parser walks the seed's body looking for the question set's headings in their order
(administrative headings, Inledning, each section, each question), so a heading word that
also occurs inside an answer (the Inledning has a "Medarbetare" subheading) is not taken for
the section. Paragraphs are the seed's blank-line separated blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arende.domain.tavlingsbidrag import AdministrativaUppgifter, Fragebatteri

SEED003 = Path(__file__).resolve().parent / "data" / "seed_003_tavlingsbidrag_2020.txt"


@dataclass(frozen=True)
class Seed003:
    administrativa: dict[str, str]  # nyckel -> text
    inledning: str
    svar: dict[int, str]

    def administrativa_uppgifter(self) -> AdministrativaUppgifter:
        return AdministrativaUppgifter(**self.administrativa)


def _text(rader: list[str]) -> str:
    stycken: list[str] = []
    aktuellt: list[str] = []
    for rad in rader:
        if rad.strip():
            aktuellt.append(rad.strip())
        elif aktuellt:
            stycken.append(" ".join(aktuellt))
            aktuellt = []
    if aktuellt:
        stycken.append(" ".join(aktuellt))
    return "\n\n".join(stycken)


def las_seed003(batteri: Fragebatteri) -> Seed003:
    rader = SEED003.read_text(encoding="utf-8").split("\n")
    # The body starts after the table of contents, whose lines end in a tab and a page.
    start = next(
        i
        for i, r in enumerate(rader)
        if r.strip() == batteri.administrativa_rubrik and "\t" not in r
    )
    rubriker: list[tuple[str, str]] = [("-", batteri.administrativa_rubrik)]
    rubriker += [(f.nyckel, f.rubrik) for f in batteri.administrativa_falt]
    rubriker.append(("inledning", batteri.inledning_rubrik))
    for avsnitt in batteri.avsnitt:
        rubriker.append(("-", avsnitt.rubrik))
        rubriker += [(str(f.nummer), f.rubrik) for f in avsnitt.fragor]
    traffar: list[tuple[str, int]] = []
    i = start
    for nyckel, rubrik in rubriker:
        while rader[i].strip() != rubrik:
            i += 1
        traffar.append((nyckel, i))
        i += 1
    delar: dict[str, str] = {}
    for (nyckel, rad), (_, nasta) in zip(traffar, [*traffar[1:], ("", len(rader))], strict=True):
        if nyckel != "-":
            delar[nyckel] = _text(rader[rad + 1 : nasta])
    return Seed003(
        administrativa={f.nyckel: delar[f.nyckel] for f in batteri.administrativa_falt},
        inledning=delar["inledning"],
        svar={f.nummer: delar[str(f.nummer)] for f in batteri.fragor},
    )
