"""The sammanträde's § form (flows/sammantrade.py): its jäv, närvaro, reservation and
closed-vote fields reach the commands as the domain takes them."""

from __future__ import annotations

from datetime import date
from typing import Any

from arende.domain.sammantrade.deltagande import Javsanmalan
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.sammantrade.narvaro import NarvarandeErsattare, Narvaro
from arende.domain.sammantrade.reservation import Anteckningsslag, Reservation
from flows.sammantrade import _andra_narvaro, _beslut, beslutsformular

TJANSTGORANDE = ["Anna Lind", "Bo Ek", "Cecilia Berg"]
NARVARANDE = [*TJANSTGORANDE, "Maria Fors"]
NAMNDEN = [*NARVARANDE, "David Holm"]


def svar(**andrat: Any) -> dict[str, Any]:
    modell = beslutsformular(TJANSTGORANDE, NARVARANDE, NAMNDEN)
    data = {"utfall": "bifall", "intyg": ""} | andrat
    return dict(modell.model_validate(data).model_dump(mode="json"))


def test_ett_svar_utan_nya_falt_ger_samma_beslut_som_forut() -> None:
    beslut = _beslut(svar())
    assert beslut["jav"] == () and beslut["reservationer"] == ()
    assert beslut["omrostning"] is None


def test_jav_och_reservation_fran_formularet() -> None:
    beslut = _beslut(
        svar(
            jav=[{"namn": "Cecilia Berg", "grund": "intressejäv"}],
            reservationer=[
                {"av": "Bo Ek", "text": "till förmån för eget yrkande"},
                {"av": "Maria Fors", "slag": "protokollsanteckning", "text": "Bra."},
            ],
        )
    )
    assert beslut["jav"] == (Javsanmalan("Cecilia Berg", "intressejäv", True),)
    assert beslut["reservationer"] == (
        Reservation(Anteckningsslag.RESERVATION, "Bo Ek", "till förmån för eget yrkande"),
        Reservation(Anteckningsslag.PROTOKOLLSANTECKNING, "Maria Fors", "Bra."),
    )


def test_den_namnden_utser_att_leda_paragrafen_fran_formularet() -> None:
    assert _beslut(svar())["leder"] is None
    assert _beslut(svar(leder="Cecilia Berg"))["leder"] == "Cecilia Berg"


def test_sluten_omrostning_fran_formularet_har_bara_antal() -> None:
    beslut = _beslut(
        svar(
            omrostning=True,
            sluten=True,
            ja_proposition="Eva Sjö",
            nej_proposition="Fredrik Ås",
            ja_antal=2,
            nej_antal=2,
        )
    )
    o = beslut["omrostning"]
    assert o.sluten and o.roster == () and (o.ja_roster, o.nej_roster, o.blanka) == (2, 2, 0)


def test_narvaroandringen_registreras_en_gang() -> None:
    s = Sammantrade.planera("Socialtjänstnämnden", date(2008, 5, 13))
    s.narvaro = Narvaro(tuple(TJANSTGORANDE), (NarvarandeErsattare("Maria Fors"),))
    assert _andra_narvaro(s, svar()) is None
    andring = _andra_narvaro(s, svar(ankommer=["David Holm"], narvaro_klockan="18:20"))
    assert andring == {"ankommer": ["David Holm"], "lamnar": [], "klockan": "18:20"}
    # Already in effect (registered with an earlier, refused answer): not again.
    s.narvaro = Narvaro((*TJANSTGORANDE, "David Holm"), (NarvarandeErsattare("Maria Fors"),))
    assert _andra_narvaro(s, svar(ankommer=["David Holm"])) is None
