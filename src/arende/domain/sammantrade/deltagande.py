"""Who took part in each paragraf: närvaro changes during the meeting, jäv, ersättare called
in, beslutförhet per paragraf and who leads it.

Kommunallagen asks the protokoll to show, per ärende, which ledamöter took part in the
decision (5 kap. 67 §), so participation is a fact of each paragraf, not of the meeting: a
ledamot may arrive late or leave, and a jävig ledamot neither takes part in nor is present
at the handling of the ärende (6 kap. 28-30 §§). An empty seat is filled by a present
ersättare in the order fullmäktige decided (6 kap. 16-17 §§, `narvaro.ersattarordning`),
and the nämnd may decide only when more than half its ledamöter take part (6 kap. 27 §).

Everything here is a plain function of the närvaro and the nämnd's list: it returns the new
facts or raises OgiltigUppgift with a Swedish message, and changes nothing it was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade.narvaro import (
    Ledamot,
    Ledamotsroll,
    NarvarandeErsattare,
    Narvaro,
    ersattarordning,
)
from arende.domain.text import MAX_NAMN, namnlista, namnnyckel
from arende.domain.text import rensa as _text


@dataclass(frozen=True)
class Javsanmalan:
    """A jäv declared in an ärende: who, on which ground, and whether the nämnd found her
    jävig (it decides the jäv question at once, 6 kap. 30 §)."""

    namn: str
    grund: str
    jav: bool = True


@dataclass(frozen=True)
class Jav:
    """The jäv question as decided in the paragraf. `ersatt_av` is the ersättare called in
    for the seat the jävig left, if one was present."""

    namn: str
    grund: str
    jav: bool
    ersatt_av: str | None = None
    # She took part in deciding her own jäv question: without her the nämnd would not have
    # been beslutför and no ersättare could be called in (6 kap. 30 §).
    i_javsfragan: bool = False


@dataclass(frozen=True)
class Narvaroandring:
    """Someone arrived or left during the meeting, before paragraf `fore_paragraf`.
    `inkallade` are the ersättare called in by the order to fill seats left empty, and
    `avlosta` those who stopped tjänstgöra when their ledamot arrived; `narvaro` is who is
    there from that paragraf on."""

    fore_paragraf: int
    klockan: time | None
    ankommer: tuple[str, ...]
    lamnar: tuple[str, ...]
    inkallade: tuple[NarvarandeErsattare, ...]
    avlosta: tuple[str, ...]
    narvaro: Narvaro


@dataclass(frozen=True)
class Deltagande:
    """Who took part in one paragraf's decision (in the nämnd's list order), who led it, the
    jäv questions decided in it, and which ersättare tjänstgjorde for whom."""

    ordforande: str
    deltar: tuple[str, ...]
    jav: tuple[Jav, ...] = ()
    tjanstgorande_ersattare: tuple[NarvarandeErsattare, ...] = ()
    # The nämnd chose `ordforande` to lead the paragraf: neither its ordförande nor its
    # vice ordförande could.
    utsedd: bool = False

    @property
    def javiga(self) -> tuple[str, ...]:
        return tuple(j.namn for j in self.jav if j.jav)


def antal_ledamoter(register: dict[str, Ledamot]) -> int:
    return sum(1 for m in register.values() if m.roll.ar_ledamot)


def kravs_for_beslutforhet(register: dict[str, Ledamot]) -> int:
    """More than half of the nämnd's ledamöter (kommunallagen 6 kap. 27 §)."""
    return antal_ledamoter(register) // 2 + 1


def _hitta(namn: str, register: dict[str, Ledamot], namnd: str) -> Ledamot:
    rensat = _text(namn, "Namnet", max_langd=MAX_NAMN)
    m = register.get(namnnyckel(rensat))
    if m is None:
        raise OgiltigUppgift(f"{rensat} är varken ledamot eller ersättare i {namnd}.")
    return m


def _platser(narvaro: Narvaro, register: dict[str, Ledamot]) -> dict[str, str | None]:
    """Each ledamot's seat and who fills it (herself, her ersättare, or nobody)."""
    for_vem = {e.tjanstgor_for: e.namn for e in narvaro.ersattare if e.tjanstgor_for}
    platser: dict[str, str | None] = {}
    for m in register.values():
        if not m.roll.ar_ledamot:
            continue
        platser[m.namn] = m.namn if m.namn in narvaro.ledamoter else for_vem.get(m.namn)
    return platser


def fyll_lediga_platser(
    narvaro: Narvaro,
    register: dict[str, Ledamot],
    utom: Sequence[str] = (),
    lediga: Sequence[str] | None = None,
) -> tuple[Narvaro, tuple[NarvarandeErsattare, ...]]:
    """Call in present ersättare who do not tjänstgöra for the empty seats (`lediga`, or all
    that are empty), each seat in the nämnd's list order taking the first free ersättare by
    `ersattarordning`. `utom` are present but may not be called in (jäviga). Returns the new
    närvaro and who was called in for whom."""
    platser = _platser(narvaro, register)
    tomma = [s for s, vem in platser.items() if vem is None]
    if lediga is not None:
        tomma = [s for s in tomma if s in lediga]
    upptagna = {e.namn for e in narvaro.ersattare if e.tjanstgor_for}
    lediga_ersattare = {
        e.namn for e in narvaro.ersattare if not e.tjanstgor_for and e.namn not in utom
    }
    inkallade: list[NarvarandeErsattare] = []
    for plats in tomma:
        ordning = ersattarordning(register[namnnyckel(plats)], register)
        valt = next(
            (e.namn for e in ordning if e.namn in lediga_ersattare and e.namn not in upptagna),
            None,
        )
        if valt is None:
            continue
        upptagna.add(valt)
        inkallade.append(NarvarandeErsattare(valt, plats))
    if not inkallade:
        return narvaro, ()
    nya = {e.namn: e for e in inkallade}
    ersattare = tuple(nya.get(e.namn, e) for e in narvaro.ersattare)
    return Narvaro(narvaro.ledamoter, ersattare, narvaro.ovriga), tuple(inkallade)


def kontrollera_ersattarordning(narvaro: Narvaro, register: dict[str, Ledamot]) -> None:
    """The tjänstgörande ersättare named at the opening follow the order fullmäktige decided:
    for each seat (in the nämnd's list order) the one who tjänstgör is the first present
    ersättare by `ersattarordning` not already seated. A seat may stay empty (an ersättare
    who only listens is not forced in), but not be given out of order."""
    for_vem = {e.tjanstgor_for: e.namn for e in narvaro.ersattare if e.tjanstgor_for}
    narvarande = [e.namn for e in narvaro.ersattare]
    upptagna: set[str] = set()
    for m in register.values():
        vald = for_vem.get(m.namn)
        if vald is None:
            continue
        fore = next(
            (
                e.namn
                for e in ersattarordning(m, register)
                if e.namn in narvarande and e.namn not in upptagna
            ),
            None,
        )
        if fore is not None and fore != vald:
            raise OgiltigUppgift(
                f"{fore} går före {vald} i den ordning fullmäktige beslutat för ersättare "
                f"(kommunallagen 6 kap. 16–17 §§) och ska tjänstgöra för {m.namn}."
            )
        upptagna.add(vald)


def andra_narvaro(
    narvaro: Narvaro,
    register: dict[str, Ledamot],
    ankommer: Sequence[str],
    lamnar: Sequence[str],
    namnd: str,
) -> tuple[Narvaro, tuple[NarvarandeErsattare, ...], tuple[str, ...]]:
    """The närvaro after some arrive and some leave. A ledamot who arrives takes her seat
    back from the ersättare who tjänstgjorde for her (who stays, listening); a seat left
    empty is filled by a present ersättare in the order. Returns the new närvaro, the
    ersättare called in and those who stopped tjänstgöra."""
    if not ankommer and not lamnar:
        raise OgiltigUppgift("Ange vem som kommer eller vem som lämnar sammanträdet.")
    narvarande = {*narvaro.ledamoter, *(e.namn for e in narvaro.ersattare)}
    komna = [_hitta(n, register, namnd) for n in ankommer]
    gangna = [_hitta(n, register, namnd) for n in lamnar]
    sedda: set[str] = set()
    for m in (*komna, *gangna):
        if m.namn in sedda:
            raise OgiltigUppgift(f"{m.namn} är angiven två gånger i närvaroändringen.")
        sedda.add(m.namn)
    for m in komna:
        if m.namn in narvarande:
            raise OgiltigUppgift(f"{m.namn} är redan närvarande vid sammanträdet.")
    for m in gangna:
        if m.namn not in narvarande:
            raise OgiltigUppgift(
                f"{m.namn} är inte närvarande vid sammanträdet och kan inte lämna det."
            )

    ledamoter = [n for n in narvaro.ledamoter if n not in {m.namn for m in gangna}]
    ersattare = [e for e in narvaro.ersattare if e.namn not in {m.namn for m in gangna}]
    avlosta: list[str] = []
    for m in komna:
        if m.roll.ar_ledamot:
            ledamoter.append(m.namn)
            for i, e in enumerate(ersattare):
                if e.tjanstgor_for == m.namn:
                    ersattare[i] = NarvarandeErsattare(e.namn)
                    avlosta.append(e.namn)
        else:
            ersattare.append(NarvarandeErsattare(m.namn))
    ordning = [m.namn for m in register.values()]
    ny = Narvaro(
        tuple(sorted(ledamoter, key=ordning.index)),
        tuple(ersattare),
        narvaro.ovriga,
    )
    ny, inkallade = fyll_lediga_platser(ny, register)
    # An ersättare relieved by her ledamot is not called straight back into another seat
    # unless one is empty: fyll_lediga_platser already did exactly that.
    return ny, inkallade, tuple(a for a in avlosta if a not in {e.namn for e in inkallade})


def paragrafens_deltagande(
    narvaro: Narvaro,
    register: dict[str, Ledamot],
    jav: Sequence[Javsanmalan],
    ordforande: str,
    namnd: str,
    nummer: int,
    leder: str | None = None,
) -> Deltagande:
    """Who takes part in paragraf `nummer`: the tjänstgörande, less those the nämnd found
    jäviga, with present ersättare called in by the order for their seats. Refuses a
    paragraf the nämnd is not beslutför in, and one that no one may lead. `leder`: the
    ledamot the nämnd chose to lead it, when neither the ordförande nor the vice can."""
    narvarande = {*narvaro.ledamoter, *(e.namn for e in narvaro.ersattare)}
    beslutade: list[Jav] = []
    for anmalan in jav:
        m = _hitta(anmalan.namn, register, namnd)
        if m.namn not in narvarande:
            raise OgiltigUppgift(
                f"{m.namn} är inte närvarande vid § {nummer} och behöver inte anmäla jäv."
            )
        if any(j.namn == m.namn for j in beslutade):
            raise OgiltigUppgift(f"Jäv för {m.namn} är angivet två gånger i § {nummer}.")
        grund = _text(
            anmalan.grund,
            f"Jävsgrunden för {m.namn} (t.ex. 'intressejäv')",
        )
        beslutade.append(
            Jav(
                m.namn,
                grund,
                bool(anmalan.jav),
                i_javsfragan=_deltar_i_javsfragan(m.namn, narvaro, register),
            )
        )
    javiga = {j.namn for j in beslutade if j.jav}

    # The jäviga leave the room: their seats empty, then present ersättare fill them.
    ledamoter = tuple(n for n in narvaro.ledamoter if n not in javiga)
    ersattare = tuple(e for e in narvaro.ersattare if e.namn not in javiga)
    utan = Narvaro(ledamoter, ersattare, narvaro.ovriga)
    lediga = [
        plats
        for plats, vem in _platser(narvaro, register).items()
        if vem is not None and vem in javiga
    ]
    fylld, inkallade = fyll_lediga_platser(utan, register, utom=tuple(javiga), lediga=lediga)
    ersatt_av: dict[str, str] = {}
    for plats, vem in _platser(narvaro, register).items():
        if vem in javiga:
            nu = next((e.namn for e in inkallade if e.tjanstgor_for == plats), None)
            if nu is not None:
                ersatt_av[vem] = nu
    jav_ut = tuple(
        Jav(j.namn, j.grund, j.jav, ersatt_av.get(j.namn), j.i_javsfragan) for j in beslutade
    )

    ordning = [m.namn for m in register.values()]
    deltar = tuple(sorted(fylld.tjanstgorande, key=ordning.index))
    kravs = kravs_for_beslutforhet(register)
    if len(deltar) < kravs:
        orsak = (
            f" sedan {namnlista(sorted(javiga, key=ordning.index))} har förklarats "
            f"{'jävig' if len(javiga) == 1 else 'jäviga'} och ingen närvarande ersättare kan "
            "kallas in"
            if javiga
            else ""
        )
        raise OgiltigUppgift(
            f"{namnd} är inte beslutför i § {nummer}: {len(deltar)} av "
            f"{antal_ledamoter(register)} ledamöter deltar{orsak}, och minst {kravs} behövs "
            "(fler än hälften, kommunallagen 6 kap. 27 §)."
        )
    utsedd = _utsedd(leder, register, namnd)
    ledare = _paragrafens_ordforande(ordforande, deltar, javiga, register, nummer, utsedd)
    tjanstgor = tuple(e for e in fylld.ersattare if e.tjanstgor_for)
    return Deltagande(ledare, deltar, jav_ut, tjanstgor, utsedd=utsedd is not None)


def _deltar_i_javsfragan(namn: str, narvaro: Narvaro, register: dict[str, Ledamot]) -> bool:
    """Whether `namn` takes part in deciding whether she is jävig. She does not, unless the
    nämnd would otherwise not be beslutför and no present ersättare can be called in for
    her seat (kommunallagen 6 kap. 30 §). One who does not tjänstgöra never does."""
    if namn not in narvaro.tjanstgorande:
        return False
    utan = Narvaro(
        tuple(n for n in narvaro.ledamoter if n != namn),
        tuple(e for e in narvaro.ersattare if e.namn != namn),
        narvaro.ovriga,
    )
    plats = [p for p, vem in _platser(narvaro, register).items() if vem == namn]
    fylld, _ = fyll_lediga_platser(utan, register, utom=(namn,), lediga=plats)
    return len(fylld.tjanstgorande) < kravs_for_beslutforhet(register)


def _utsedd(leder: str | None, register: dict[str, Ledamot], namnd: str) -> str | None:
    if leder is None or not leder.strip():
        return None
    return _hitta(leder, register, namnd).namn


def _paragrafens_ordforande(
    ordforande: str,
    deltar: tuple[str, ...],
    javiga: set[str],
    register: dict[str, Ledamot],
    nummer: int,
    utsedd: str | None = None,
) -> str:
    """The meeting's ordförande leads the paragraf unless jävig; then the vice ordförande
    (or the nämnd's ordförande, when a vice led the meeting), if she takes part. When
    neither can, the nämnd chooses a ledamot who takes part to lead it (`utsedd`); the
    rule is the reglemente's, as kommuner write it, and no one is chosen while the
    ordförande or the vice can lead."""
    ledare: str | None = ordforande if ordforande not in javiga else None
    if ledare is None:
        for roll in (Ledamotsroll.ORDFORANDE, Ledamotsroll.VICE_ORDFORANDE):
            for m in register.values():
                if m.roll is roll and m.namn != ordforande and m.namn in deltar:
                    ledare = ledare or m.namn
    if ledare is not None:
        if utsedd is not None and utsedd != ledare:
            raise OgiltigUppgift(
                f"{ledare} leder § {nummer}: nämnden utser någon annan att leda en paragraf "
                "bara när varken ordföranden eller vice ordföranden kan."
            )
        return ledare
    if utsedd is not None:
        m = register[namnnyckel(utsedd)]
        if not m.roll.ar_ledamot or utsedd not in deltar:
            raise OgiltigUppgift(
                f"{utsedd} kan inte leda § {nummer}: nämnden utser en ledamot som deltar i "
                "paragrafen."
            )
        return utsedd
    vice = [m.namn for m in register.values() if m.roll is Ledamotsroll.VICE_ORDFORANDE]
    orsak = (
        f"vice ordföranden {namnlista(vice)} deltar inte i paragrafen"
        if vice
        else "nämnden har ingen vice ordförande i sin lista"
    )
    raise OgiltigUppgift(
        f"Ordföranden {ordforande} är jävig i § {nummer} och {orsak}: nämnden kan inte "
        "besluta i ärendet utan någon som leder paragrafen. Registrera att vice "
        "ordföranden är närvarande, eller ange den ledamot som nämnden utser att leda "
        "paragrafen."
    )
