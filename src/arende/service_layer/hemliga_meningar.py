"""Marked ärendemeningar on the public side of a sammanträde.

The dagordning keeps each ärendemening as it was when the dagordning was set (in its public
form, if it was marked then), and the kallelse and the protokoll are written from it. An
ärendemening marked *afterwards* still stands in them: the public pages and open data show
it in its public form, and the kallelse and protokoll files that name it are not handed out
on the public site (they may be asked for from the registrator, who prövar)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from arende.domain.sammantrade.mote import Sammantrade
from arende.service_layer.ports import UnitOfWork


@dataclass(frozen=True)
class HemligaMeningar:
    # dnr -> (the marked ärendemening, its public form)
    meningar: dict[str, tuple[str, str]]

    def dold(self, dnr: str | None, text: str) -> str:
        """The text with the ärende's marked ärendemening in its public form."""
        if dnr is None or dnr not in self.meningar:
            return text
        hemlig, offentlig = self.meningar[dnr]
        return text.replace(hemlig, offentlig)

    def namns_i(self, s: Sammantrade) -> bool:
        """Whether the sammanträde's dagordning or protokoll names a marked ärendemening."""
        return any(
            dnr in self.meningar and self.meningar[dnr][0] in titel for dnr, titel in _titlar(s)
        )


def for_sammantrade(uow: UnitOfWork, s: Sammantrade | None) -> HemligaMeningar:
    """The marked ärendemeningar of the sammanträde's ärenden (inside an open unit of work)."""
    meningar = {}
    for dnr in {dnr for dnr, _ in _titlar(s)} if s is not None else set():
        arende = uow.arenden.hamta(dnr, las=False)
        if arende.mening_markering is not None:
            meningar[dnr] = (arende.titel, arende.offentlig_titel)
    return HemligaMeningar(meningar)


def _titlar(s: Sammantrade) -> Iterable[tuple[str, str]]:
    for d in s.dagordningar:
        for punkt in d.punkter:
            yield punkt.dnr, punkt.titel
    for p in s.paragrafer:
        if p.dnr is not None:
            yield p.dnr, p.titel
