"""The registrator's full check of the audit chain: every break, not only the first.

`granskning.verifiera_kedja` stops at the first broken link. An auditor needs each altered,
removed or moved event named (sequence, ärende, what differs), and needs to know when events
were cut off the END of the chain: a tail cut leaves a chain that is valid link by link, so it
can only be seen against something kept outside the database (an anchor: an earlier
(sequence, hash) of the head), or against the head row if the tamperer forgot it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from arende.domain.granskning import START_HASH, kedjehash
from arende.domain.kedjehuvud import PubliceratKedjehuvud

# The columns shown by `historik` are copies of fields inside the hashed content; a column
# altered on its own would mislead a reader while every hash still holds.
KOLUMNER_I_INNEHALLET = (
    ("dnr", "dnr"),
    ("handling", "handling"),
    ("aktör", "aktor"),
    ("roll", "roll"),
    ("flödeskörning", "flodeskorning"),
)


@dataclass(frozen=True)
class Kedjerad:
    """One stored event as read back for the full check: its columns and its hashed text."""

    sekvens: int
    dnr: str | None
    handling: str
    aktor: str
    roll: str
    flodeskorning: str | None
    innehall_json: str
    foregaende_hash: str
    hash: str


@dataclass(frozen=True)
class Kontrollpunkt:
    """A (sequence, hash) of the chain kept outside the database, and where it came from."""

    sekvens: int
    hash: str
    kalla: str


@dataclass(frozen=True)
class Fynd:
    sekvens: int
    dnr: str | None
    beskrivning: str
    till: int | None = None  # the last of a run of missing events

    def __str__(self) -> str:
        var = f" i {self.dnr}" if self.dnr else ""
        return f"{_radintervall(self.sekvens, self.till or self.sekvens)}{var}: {self.beskrivning}"


@dataclass(frozen=True)
class Publiceringsfynd(Fynd):
    """A difference from a head published on the anslagstavla: a whole sentence of its own
    (it names its day and sequence itself)."""

    def __str__(self) -> str:
        return self.beskrivning


@dataclass
class Kedjeresultat:
    antal: int = 0
    senaste_sekvens: int = 0
    senaste_hash: str = START_HASH
    fynd: list[Fynd] = field(default_factory=list)

    @property
    def intakt(self) -> bool:
        return not self.fynd


def _kort(h: str) -> str:
    return h[:16] + "…"


def _radintervall(fran: int, till: int) -> str:
    return f"händelse {fran}" if fran == till else f"händelserna {fran}–{till}"


def granska_kedja(
    rader: Iterable[Kedjerad],
    huvud: tuple[int, str] | None = None,
    kontrollpunkter: Sequence[Kontrollpunkt] = (),
    publicerade: Sequence[PubliceratKedjehuvud] = (),
) -> Kedjeresultat:
    """Walk the events in sequence order and name every break.

    Each link is checked against the previous row's STORED hash, so one altered event is
    reported once and the events after it are still checked on their own. `huvud` is the
    chain's head row in the database; `kontrollpunkter` come from outside it, and so do
    `publicerade`, the heads the anslagstavla published."""
    resultat = Kedjeresultat()
    jamforelse = Publiceringsjamforelse(publicerade)
    punkter: dict[int, list[Kontrollpunkt]] = {}
    for p in kontrollpunkter:
        punkter.setdefault(p.sekvens, []).append(p)
    foregaende_hash = START_HASH
    forvantad = 1
    foregaende_flyttad = False
    for rad in rader:
        resultat.antal += 1
        fynd = resultat.fynd
        if rad.sekvens > forvantad:
            fynd.append(
                Fynd(
                    forvantad,
                    None,
                    f"saknas (raderad ur tabellen); händelse {rad.sekvens} pekar på en "
                    "föregående som inte finns",
                    till=rad.sekvens - 1,
                )
            )
        lank_ok = rad.foregaende_hash == foregaende_hash
        try:
            data = json.loads(rad.innehall_json)
            if not isinstance(data, dict):
                raise ValueError
        except ValueError:
            fynd.append(Fynd(rad.sekvens, rad.dnr, "det hashade innehållet går inte att läsa"))
            data = {}
        flyttad = "sekvens" in data and data["sekvens"] != rad.sekvens
        if flyttad:
            fynd.append(
                Fynd(
                    rad.sekvens,
                    rad.dnr,
                    f"händelsen har flyttats: den står på plats {rad.sekvens} men det hashade "
                    f"innehållet säger {data['sekvens']}",
                )
            )
        elif not lank_ok and rad.sekvens == forvantad and not foregaende_flyttad:
            fynd.append(
                Fynd(
                    rad.sekvens,
                    rad.dnr,
                    "länken till föregående händelse stämmer inte (sparad föregående hash "
                    f"{_kort(rad.foregaende_hash)}, föregående händelse har "
                    f"{_kort(foregaende_hash)})",
                )
            )
        if kedjehash(rad.foregaende_hash, rad.innehall_json) != rad.hash:
            fynd.append(
                Fynd(
                    rad.sekvens,
                    rad.dnr,
                    "innehållet har ändrats efter att det skrevs (hashen stämmer inte)",
                )
            )
        for namn, attribut in KOLUMNER_I_INNEHALLET:
            if namn in data and data[namn] != getattr(rad, attribut):
                fynd.append(
                    Fynd(
                        rad.sekvens,
                        rad.dnr,
                        f"{namn} skiljer sig: '{getattr(rad, attribut)}' i tabellen, "
                        f"'{data[namn]}' i det hashade innehållet",
                    )
                )
        for p in punkter.get(rad.sekvens, ()):
            if p.hash != rad.hash:
                fynd.append(
                    Fynd(
                        rad.sekvens,
                        rad.dnr,
                        f"hashen är {_kort(rad.hash)} men {p.kalla} sparade {_kort(p.hash)}: "
                        "kedjan har skrivits om härifrån eller tidigare",
                    )
                )
        jamforelse.se(rad.sekvens, rad.hash)
        foregaende_hash = rad.hash
        foregaende_flyttad = flyttad
        forvantad = max(forvantad, rad.sekvens) + 1
        resultat.senaste_sekvens, resultat.senaste_hash = rad.sekvens, rad.hash

    sista = resultat.senaste_sekvens
    if huvud is not None:
        huvud_sekvens, huvud_hash = huvud
        if huvud_sekvens > sista:
            resultat.fynd.append(
                Fynd(
                    sista + 1,
                    None,
                    "saknas i slutet av kedjan (kedjans huvud i databasen står på "
                    f"{huvud_sekvens})",
                    till=huvud_sekvens,
                )
            )
        elif huvud_sekvens < sista:
            resultat.fynd.append(
                Fynd(
                    huvud_sekvens + 1,
                    None,
                    f"ligger efter kedjans huvud i databasen ({huvud_sekvens}): skrevs inte "
                    "av systemet",
                    till=sista,
                )
            )
        elif huvud_hash != resultat.senaste_hash:
            resultat.fynd.append(
                Fynd(sista, None, "kedjans huvud i databasen har en annan hash än händelsen")
            )
    bortom = [s for s in punkter if s > sista]
    if bortom:  # the newest anchor beyond the end says how much is gone
        sekvens = max(bortom)
        p = punkter[sekvens][0]
        resultat.fynd.append(
            Fynd(
                sista + 1,
                None,
                f"saknas i slutet av kedjan: {p.kalla} sparade händelse {sekvens} med hash "
                f"{_kort(p.hash)}",
                till=sekvens,
            )
        )
    resultat.fynd += jamforelse.fynd(sista)
    return resultat


class Publiceringsjamforelse:
    """The stored chain against the heads published on the anslagstavla, one row at a time
    as the chain streams past (the published heads, one a day, are few; the chain is not).

    Once an event is rewritten and the hashes after it recomputed, every head published
    after it differs too: one line names the earliest differing head, the first published
    point past the rewrite; one the latest head that still holds before it (the rewrite is
    between the two); and one, if more differ, the latest differing head, which bounds when
    the log was rewritten: after that day."""

    def __init__(self, publicerade: Sequence[PubliceratKedjehuvud]) -> None:
        self._pa_sekvens: dict[int, list[PubliceratKedjehuvud]] = {}
        for p in publicerade:
            self._pa_sekvens.setdefault(p.sekvens, []).append(p)
        self._avvikande: list[PubliceratKedjehuvud] = []
        self._stammer: list[PubliceratKedjehuvud] = []
        self.se(0, START_HASH)  # a head published before the first event

    def se(self, sekvens: int, hash_: str) -> None:
        for p in self._pa_sekvens.pop(sekvens, ()):
            (self._stammer if p.hash == hash_ else self._avvikande).append(p)

    def fynd(self, sista_sekvens: int) -> list[Fynd]:
        """What differs, once the whole chain (ending at `sista_sekvens`) has passed."""
        saknade = [p for lista in self._pa_sekvens.values() for p in lista]
        alla = sorted(self._avvikande + saknade, key=lambda p: (p.datum, p.sekvens))
        if not alla:
            return []
        forsta = alla[0]
        dag = forsta.datum.isoformat()
        if forsta not in saknade:
            text = (
                f"Granskningsloggen har skrivits om efter den {dag}: löpnummer {forsta.sekvens} "
                "har en annan kontrollsumma än den som publicerades."
            )
        elif forsta.sekvens > sista_sekvens:
            text = (
                f"Granskningsloggen har kortats efter den {dag}: löpnummer {forsta.sekvens} "
                f"publicerades men loggen slutar vid löpnummer {sista_sekvens}."
            )
        else:
            text = (
                f"Granskningsloggen har skrivits om efter den {dag}: löpnummer {forsta.sekvens} "
                "publicerades men finns inte längre i loggen."
            )
        fynd: list[Fynd] = [Publiceringsfynd(forsta.sekvens, None, text)]
        tidigare = [
            p for p in self._stammer if p.datum <= forsta.datum and p.sekvens < forsta.sekvens
        ]
        if tidigare:
            stammer = max(tidigare, key=lambda p: (p.datum, p.sekvens))
            var = (
                f"gäller löpnummer {forsta.sekvens}"
                if stammer.sekvens + 1 == forsta.sekvens
                else f"ligger mellan löpnummer {stammer.sekvens + 1} och {forsta.sekvens}"
            )
            fynd.append(
                Publiceringsfynd(
                    stammer.sekvens,
                    None,
                    f"Fram till löpnummer {stammer.sekvens}, som publicerades den "
                    f"{stammer.datum.isoformat()}, stämmer loggen med det publicerade: "
                    f"ändringen {var}.",
                )
            )
        if len(alla) > 1:
            senaste = alla[-1]
            antal = (
                "1 senare publicerad kontrollsumma skiljer"
                if len(alla) == 2
                else f"{len(alla) - 1} senare publicerade kontrollsummor skiljer"
            )
            fynd.append(
                Publiceringsfynd(
                    senaste.sekvens,
                    None,
                    f"Även {antal} sig från loggen, den senaste från den "
                    f"{senaste.datum.isoformat()} (löpnummer {senaste.sekvens}): loggen har "
                    f"ändrats efter den {senaste.datum.isoformat()}.",
                )
            )
        return fynd
