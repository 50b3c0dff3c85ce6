"""What kommunallagen asks the protokoll to show per paragraf: who took part (5 kap. 67 §),
jäv (6 kap. 28-30 §§) with ersättare called in by the order (6 kap. 16-17 §§), beslutförhet
per paragraf (6 kap. 27 §), reservationer (4 kap. 27 §), closed votes and lottning in val
and anställning (5 kap. 53-56 §§), and the justering frist (5 kap. 69 §).

A small nämnd of seven ledamöter (four make it beslutför) and three ersättare. Every
refused call must leave the sammanträde equal to a deepcopy taken before it.
"""

from __future__ import annotations

import copy
import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from arende.adapters.aggregatjson import fran_json, till_json
from arende.domain.fel import ArendeFel, OgiltigUppgift, OtillatenOvergang
from arende.domain.sammantrade.dagordning import Dagordningspunkt
from arende.domain.sammantrade.deltagande import Javsanmalan
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.sammantrade.narvaro import (
    Ledamot,
    Ledamotsroll,
    NarvarandeErsattare,
    Narvaro,
    ersattarordning,
    kontrollera_ledamoter,
)
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.sammantrade.reservation import Anteckningsslag, Reservation
from arende.domain.skeden import Utfall

D = date.fromisoformat
NAMND = "Socialtjänstnämnden"
DATUM = D("2008-05-13")
IDAG = D("2026-11-23")
ORDF, VICE = "Anna Lind", "Bo Ek"
L = Ledamotsroll
LEDAMOTER = (
    Ledamot(ORDF, L.ORDFORANDE, "S"),
    Ledamot(VICE, L.VICE_ORDFORANDE, "M"),
    Ledamot("Cecilia Berg", L.LEDAMOT, "S"),
    Ledamot("David Holm", L.LEDAMOT, "M"),
    Ledamot("Eva Sjö", L.LEDAMOT, "V"),
    Ledamot("Fredrik Ås", L.LEDAMOT, "M"),
    Ledamot("Gun Lund", L.LEDAMOT, "L"),
    Ledamot("Lars Bro", L.ERSATTARE, "M", ordning=2),
    Ledamot("Maria Fors", L.ERSATTARE, "S", ordning=3),
    Ledamot("Nils Hed", L.ERSATTARE, "KD", ordning=1),
)
ALLA_LEDAMOTER = tuple(m.namn for m in LEDAMOTER if m.roll.ar_ledamot)

P_VAL = Dagordningspunkt(
    "SoN 2008/40",
    "Val av ombud till föreningsstämman i Stiftelsen Hemgården",
    ("Nämnden väljer ett ombud till föreningsstämman.",),
    val_eller_anstallning=True,
)
P_LOKALER = Dagordningspunkt(
    "SoN 2008/23", "Nya lokaler för Vuxenenheten", ("Nämnden godkänner hyresavtalet.",)
)
SHA = hashlib.sha256(b"protokollet").hexdigest()


def oppnat(narvaro: Narvaro | None = None, ordforande: str = ORDF) -> Sammantrade:
    s = Sammantrade.planera(NAMND, DATUM, "Sammanträdesrummet")
    s.kalla((P_VAL, P_LOKALER), DATUM - timedelta(days=7))
    narvaro = narvaro or Narvaro(ALLA_LEDAMOTER, (NarvarandeErsattare("Maria Fors"),))
    s.oppna(
        narvaro,
        ordforande,
        [next(n for n in narvaro.ledamoter if n not in (ORDF, VICE))],
        DATUM + timedelta(days=1),
        DATUM + timedelta(days=14),
        45,
        ledamoter=LEDAMOTER,
        idag=IDAG,
    )
    return s


def vagras(
    s: Sammantrade, handling: Callable[[Sammantrade], Any], felklass: type, *ord_: str
) -> str:
    fore = copy.deepcopy(s)
    with pytest.raises(ArendeFel) as info:
        handling(s)
    assert type(info.value) is felklass, f"{type(info.value).__name__}: {info.value}"
    for o in ord_:
        assert o in str(info.value), str(info.value)
    assert s == fore, "a refused call changed the sammanträde"
    return str(info.value)


def roster(ja: Sequence[str], nej: Sequence[str] = (), avstar: Sequence[str] = ()) -> Any:
    return (
        tuple((n, Rostval.JA) for n in ja)
        + tuple((n, Rostval.NEJ) for n in nej)
        + tuple((n, Rostval.AVSTAR) for n in avstar)
    )


def jav(namn: str, grund: str = "intressejäv: hennes make är styrelseledamot") -> Javsanmalan:
    return Javsanmalan(namn, grund)


# -- the ersättare order (data: grunddata's `ordning`) --------------------------------------


def test_ersattare_kallas_in_fran_samma_parti_forst_sedan_i_ordning() -> None:
    register = kontrollera_ledamoter(LEDAMOTER, NAMND)
    for_david = ersattarordning(register["david holm"], register)
    assert [e.namn for e in for_david] == ["Lars Bro", "Nils Hed", "Maria Fors"]
    for_gun = ersattarordning(register["gun lund"], register)  # no L ersättare: by ordning
    assert [e.namn for e in for_gun] == ["Nils Hed", "Lars Bro", "Maria Fors"]


def test_ordning_galler_bara_ersattare() -> None:
    with pytest.raises(OgiltigUppgift, match="bara ersättare"):
        kontrollera_ledamoter((Ledamot(ORDF, L.ORDFORANDE, "S", ordning=1),), NAMND)


# -- per-§ participation --------------------------------------------------------------------


def test_varje_paragraf_visar_vem_som_deltog() -> None:
    s = oppnat()
    val_av_justerare = s.paragrafer[0]
    assert val_av_justerare.deltagande is not None
    assert val_av_justerare.deltagande.deltar == ALLA_LEDAMOTER
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL)
    assert p.deltagande is not None
    assert p.deltagande.deltar == ALLA_LEDAMOTER
    assert p.deltagande.ordforande == ORDF


def test_en_ledamot_som_gar_ersatts_av_narvarande_ersattare_i_ordning() -> None:
    s = oppnat()
    andring = s.andra_narvaro(lamnar=["Cecilia Berg"], klockan="19:05")
    assert andring.fore_paragraf == 46
    assert andring.inkallade == (NarvarandeErsattare("Maria Fors", "Cecilia Berg"),)
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL)
    assert p.deltagande is not None
    assert "Cecilia Berg" not in p.deltagande.deltar
    assert "Maria Fors" in p.deltagande.deltar
    assert s.paragrafer[0].deltagande and "Cecilia Berg" in s.paragrafer[0].deltagande.deltar


def test_en_ledamot_som_kommer_sent_tar_tillbaka_sin_plats() -> None:
    narvaro = Narvaro(
        tuple(n for n in ALLA_LEDAMOTER if n != "David Holm"),
        (NarvarandeErsattare("Lars Bro", "David Holm"),),
    )
    s = oppnat(narvaro)
    andring = s.andra_narvaro(ankommer=["David Holm"])
    assert andring.avlosta == ("Lars Bro",)
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL)
    assert p.deltagande is not None
    assert "David Holm" in p.deltagande.deltar and "Lars Bro" not in p.deltagande.deltar
    assert s.paragrafer[0].deltagande and "Lars Bro" in s.paragrafer[0].deltagande.deltar
    assert s.alla_som_tjanstgjort[-1] == "David Holm"


@pytest.mark.parametrize(
    ("ankommer", "lamnar", "ord_"),
    [
        ([], [], "Ange vem"),
        (["Eva Sjö"], [], "redan närvarande"),
        ([], ["Nils Hed"], "inte närvarande"),
        (["Okänd Person"], [], "varken ledamot eller ersättare"),
        ([], [ORDF], "Ordföranden"),
        (["Nils Hed"], ["Nils Hed"], "två gånger"),
    ],
)
def test_en_omojlig_narvaroandring_vagras(
    ankommer: list[str], lamnar: list[str], ord_: str
) -> None:
    s = oppnat()
    vagras(s, lambda x: x.andra_narvaro(ankommer, lamnar), OgiltigUppgift, ord_)


def test_narvaron_andras_bara_medan_sammantradet_pagar() -> None:
    s = Sammantrade.planera(NAMND, DATUM)
    s.kalla((P_LOKALER,), DATUM)
    vagras(s, lambda x: x.andra_narvaro(["Eva Sjö"]), OtillatenOvergang, "har öppnats")


# -- jäv --------------------------------------------------------------------------------------


def test_den_javiga_ar_inte_med_och_en_ersattare_kallas_in() -> None:
    s = oppnat()
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav("Cecilia Berg")])
    assert p.deltagande is not None
    assert p.deltagande.javiga == ("Cecilia Berg",)
    assert "Cecilia Berg" not in p.deltagande.deltar
    assert p.deltagande.jav[0].ersatt_av == "Maria Fors"
    assert "Maria Fors" in p.deltagande.deltar
    # Back for the next paragraf: the jäv was for that ärende only.
    q = s.besluta(P_VAL.dnr, [], Utfall.BIFALL)
    assert q.deltagande and "Cecilia Berg" in q.deltagande.deltar


def test_namnden_kan_finna_att_jav_inte_foreligger() -> None:
    s = oppnat()
    p = s.besluta(
        P_LOKALER.dnr, [], Utfall.BIFALL, jav=[Javsanmalan("Eva Sjö", "känner hyresvärden", False)]
    )
    assert p.deltagande is not None
    assert p.deltagande.javiga == () and "Eva Sjö" in p.deltagande.deltar
    assert p.deltagande.jav[0].grund == "känner hyresvärden"


def test_en_javig_ledamot_far_inte_rosta() -> None:
    s = oppnat()
    deltar = [n for n in ALLA_LEDAMOTER if n != "Cecilia Berg"] + ["Maria Fors"]
    vagras(
        s,
        lambda x: x.besluta(
            P_LOKALER.dnr,
            [],
            Utfall.BIFALL,
            omrostning=Omrostning("bifall", "avslag", roster(deltar, ["Cecilia Berg"])),
            jav=[jav("Cecilia Berg")],
        ),
        OgiltigUppgift,
        "Cecilia Berg är jävig",
        "får varken delta i beslutet eller rösta",
        "6 kap. 28–30 §§",
    )


def test_en_javig_ledamot_far_inte_yrka() -> None:
    s = oppnat()
    vagras(
        s,
        lambda x: x.besluta(
            P_LOKALER.dnr,
            [Yrkande(1, "Cecilia Berg", "bifall")],
            Utfall.BIFALL,
            jav=[jav("Cecilia Berg")],
        ),
        OgiltigUppgift,
        "jävig",
        "yrka",
    )


@pytest.mark.parametrize(
    ("anmalan", "ord_"),
    [
        ([jav("Nils Hed")], "inte närvarande"),
        ([jav("Eva Sjö", "  ")], "Jävsgrunden för Eva Sjö"),
        ([jav("Eva Sjö"), jav("eva sjö")], "två gånger"),
        ([jav("Okänd Person")], "varken ledamot eller ersättare"),
    ],
)
def test_en_felaktig_javsanmalan_vagras(anmalan: list[Javsanmalan], ord_: str) -> None:
    s = oppnat()
    vagras(
        s, lambda x: x.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=anmalan), OgiltigUppgift, ord_
    )


def test_javig_ordforande_vice_ordforanden_leder_paragrafen() -> None:
    s = oppnat(Narvaro(ALLA_LEDAMOTER))
    deltar = [n for n in ALLA_LEDAMOTER if n != ORDF]
    # 3–3: the vice ordförande leads the paragraf, so her vote decides the tie.
    ja = [VICE, "David Holm", "Fredrik Ås"]
    nej = [n for n in deltar if n not in ja]
    p = s.besluta(
        P_LOKALER.dnr,
        [],
        Utfall.BIFALL,
        omrostning=Omrostning("bifall till förslaget", "avslag", roster(ja, nej)),
        jav=[jav(ORDF, "jäv: ordföranden är styrelseledamot i hyresvärden")],
    )
    assert p.deltagande is not None and p.deltagande.ordforande == VICE
    assert p.omrostning is not None and p.omrostning.ordforande == VICE
    resultat = p.omrostning.resultat
    assert (resultat.ja, resultat.nej, resultat.utslagsrost) == (3, 3, True)
    assert resultat.vinnare is Rostval.JA


def test_javig_ordforande_utan_narvarande_vice_vagras() -> None:
    narvaro = Narvaro(tuple(n for n in ALLA_LEDAMOTER if n != VICE))
    s = oppnat(narvaro)
    vagras(
        s,
        lambda x: x.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav(ORDF)]),
        OgiltigUppgift,
        "Ordföranden Anna Lind är jävig i § 46",
        "vice ordföranden Bo Ek deltar inte",
    )


def test_beslutforhet_forlorad_genom_jav_aterstalls_av_ersattare() -> None:
    # Four of seven ledamöter: exactly beslutför. One jävig leaves three.
    fyra = (ORDF, VICE, "David Holm", "Eva Sjö")
    utan_ersattare = oppnat(Narvaro(fyra))
    vagras(
        utan_ersattare,
        lambda x: x.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav("David Holm")]),
        OgiltigUppgift,
        "inte beslutför i § 46",
        "3 av 7",
        "David Holm har förklarats jävig",
        "ingen närvarande ersättare",
        "6 kap. 27 §",
    )
    # An ersättare who only listened is called in for the jävig's seat, by the order: Lars
    # Bro (same party as David Holm) before Nils Hed, who has the lower ordning.
    med_ersattare = oppnat(
        Narvaro(fyra, (NarvarandeErsattare("Nils Hed"), NarvarandeErsattare("Lars Bro")))
    )
    p = med_ersattare.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav("David Holm")])
    assert p.deltagande is not None
    assert p.deltagande.jav[0].ersatt_av == "Lars Bro"
    assert len(p.deltagande.deltar) == 4


# -- when neither the ordförande nor the vice can lead: the nämnd chooses -------------------

BADA_JAVIGA = [jav(ORDF), jav(VICE)]


def test_namnden_utser_en_ledamot_nar_varken_ordforande_eller_vice_kan_leda() -> None:
    s = oppnat()
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=BADA_JAVIGA, leder="eva sjö")
    assert p.deltagande is not None
    assert p.deltagande.ordforande == "Eva Sjö" and p.deltagande.utsedd
    # Back at the next §: the meeting's ordförande leads it.
    q = s.besluta(P_VAL.dnr, [], Utfall.BIFALL)
    assert q.deltagande is not None and q.deltagande.ordforande == ORDF
    assert not q.deltagande.utsedd


def test_utan_utsedd_ledamot_vagras_paragrafen_nar_ingen_kan_leda() -> None:
    vagras(
        oppnat(),
        lambda x: x.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=BADA_JAVIGA),
        OgiltigUppgift,
        "Ordföranden Anna Lind är jävig i § 46",
        "ange den ledamot som nämnden utser",
    )


@pytest.mark.parametrize(
    ("jav_", "leder", "ord_"),
    [
        # The ordförande can lead: nobody else is chosen.
        ([], "Eva Sjö", "Anna Lind leder § 46"),
        # The vice can: nor then.
        ([jav(ORDF)], "Eva Sjö", "Bo Ek leder § 46"),
        # One who is jävig herself, or only listens, or is no one in the nämnd.
        ([*BADA_JAVIGA, jav("Eva Sjö")], "Eva Sjö", "Eva Sjö kan inte leda § 46"),
        (BADA_JAVIGA, "Lars Bro", "Lars Bro kan inte leda § 46"),
        (BADA_JAVIGA, "Okänd Person", "varken ledamot eller ersättare"),
    ],
)
def test_en_otillaten_utsedd_vagras(jav_: list[Javsanmalan], leder: str, ord_: str) -> None:
    narvaro = Narvaro(ALLA_LEDAMOTER, (NarvarandeErsattare("Lars Bro"),))
    vagras(
        oppnat(narvaro),
        lambda x: x.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=jav_, leder=leder),
        OgiltigUppgift,
        ord_,
    )


def test_protokollet_sager_vem_namnden_utsag_att_leda() -> None:
    from arende.service_layer.dokumentdata.protokoll import _jav

    s = oppnat()
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=BADA_JAVIGA, leder="Eva Sjö")
    register = {m.namn.casefold(): m for m in LEDAMOTER}
    assert _jav(p, register, ORDF)[-1] == (
        "Varken ordföranden eller vice ordföranden kan leda paragrafen. Nämnden utser Eva Sjö "
        "(V) att leda sammanträdet under paragrafen."
    )


# -- who decides the jäv question (6 kap. 30 §) -----------------------------------------------

FYRA = (ORDF, VICE, "David Holm", "Eva Sjö")  # four of seven: exactly beslutför


def test_den_javiga_deltar_inte_i_javsfragan_nar_namnden_ar_beslutfor_utan_henne() -> None:
    # Five present: four remain without her.
    fem = oppnat(Narvaro((*FYRA, "Gun Lund")))
    p = fem.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav("Gun Lund")])
    assert p.deltagande is not None and not p.deltagande.jav[0].i_javsfragan
    # Four present and an ersättare listening: she is called in for the question.
    med_ersattare = oppnat(Narvaro(FYRA, (NarvarandeErsattare("Nils Hed"),)))
    p = med_ersattare.besluta(
        P_LOKALER.dnr, [], Utfall.BIFALL, jav=[Javsanmalan("Eva Sjö", "vän till sökanden", False)]
    )
    assert p.deltagande is not None and not p.deltagande.jav[0].i_javsfragan


def test_den_javiga_deltar_i_javsfragan_nar_namnden_annars_inte_ar_beslutfor() -> None:
    # Four present, no ersättare: without her the nämnd could not decide the question.
    s = oppnat(Narvaro(FYRA))
    p = s.besluta(
        P_LOKALER.dnr, [], Utfall.BIFALL, jav=[Javsanmalan("Eva Sjö", "vän till sökanden", False)]
    )
    assert p.deltagande is not None
    (fragan,) = p.deltagande.jav
    assert fragan.i_javsfragan and not fragan.jav and "Eva Sjö" in p.deltagande.deltar


def test_en_ersattare_som_bara_lyssnar_deltar_aldrig_i_javsfragan() -> None:
    s = oppnat(Narvaro(FYRA, (NarvarandeErsattare("Nils Hed"),)))
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[Javsanmalan("Nils Hed", "jäv", False)])
    assert p.deltagande is not None and not p.deltagande.jav[0].i_javsfragan


def test_beslutforhet_aterstalld_nar_en_ersattare_kommer() -> None:
    fyra = (ORDF, VICE, "David Holm", "Eva Sjö")
    s = oppnat(Narvaro(fyra))
    andring = s.andra_narvaro(ankommer=["Nils Hed"])
    # The first empty seat in the list's order (Cecilia Berg's) gets the first free ersättare.
    assert andring.inkallade == (NarvarandeErsattare("Nils Hed", "Cecilia Berg"),)
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav("David Holm")])
    assert p.deltagande is not None and len(p.deltagande.deltar) == 4


# -- closed votes and lottning ---------------------------------------------------------------


def test_sluten_omrostning_i_val_redovisar_bara_antal() -> None:
    s = oppnat()
    p = s.besluta(
        P_VAL.dnr,
        [Yrkande(1, "Cecilia Berg", "Eva Sjö"), Yrkande(2, "David Holm", "Fredrik Ås")],
        Utfall.BIFALL,
        omrostning=Omrostning(
            "Cecilia Bergs förslag", "David Holms förslag", sluten=True, ja_roster=4, nej_roster=3
        ),
    )
    assert p.omrostning is not None and p.omrostning.sluten
    assert p.omrostning.roster == ()
    assert p.omrostning.resultat.vinnare is Rostval.JA
    assert p.deltagande and p.deltagande.deltar == ALLA_LEDAMOTER  # still recorded


def test_sluten_omrostning_lika_avgors_genom_lottning() -> None:
    s = oppnat(Narvaro(tuple(n for n in ALLA_LEDAMOTER if n != "Gun Lund")))
    dragningar: list[Sequence[Rostval]] = []

    def lotta(alternativ: Sequence[Rostval]) -> Rostval:
        dragningar.append(alternativ)
        return random.Random(2008).choice(list(alternativ))

    p = s.besluta(
        P_VAL.dnr,
        [],
        Utfall.BIFALL,
        omrostning=Omrostning("Eva Sjö", "Fredrik Ås", sluten=True, ja_roster=3, nej_roster=3),
        lotta=lotta,
    )
    forvantat = random.Random(2008).choice([Rostval.JA, Rostval.NEJ])
    assert dragningar == [(Rostval.JA, Rostval.NEJ)]
    assert p.omrostning is not None and p.omrostning.lottning is forvantat
    resultat = p.omrostning.resultat
    assert resultat.lottning and not resultat.utslagsrost
    assert resultat.vinnare is forvantat
    assert resultat.lydelse == ("Eva Sjö" if forvantat is Rostval.JA else "Fredrik Ås")


def test_oppen_omrostning_i_val_lika_avgors_ocksa_genom_lottning() -> None:
    s = oppnat(Narvaro(tuple(n for n in ALLA_LEDAMOTER if n != "Gun Lund")))
    deltar = [n for n in ALLA_LEDAMOTER if n != "Gun Lund"]
    p = s.besluta(
        P_VAL.dnr,
        [],
        Utfall.BIFALL,
        omrostning=Omrostning("Eva Sjö", "Fredrik Ås", roster(deltar[:3], deltar[3:])),
        lotta=lambda _: Rostval.NEJ,
    )
    assert p.omrostning is not None
    assert p.omrostning.resultat.lottning and p.omrostning.resultat.lydelse == "Fredrik Ås"


def test_lika_utanfor_val_avgors_av_ordforandens_utslagsrost_inte_lottning() -> None:
    s = oppnat(Narvaro(tuple(n for n in ALLA_LEDAMOTER if n != "Gun Lund")))
    deltar = [n for n in ALLA_LEDAMOTER if n != "Gun Lund"]
    p = s.besluta(
        P_LOKALER.dnr,
        [],
        Utfall.BIFALL,
        omrostning=Omrostning("bifall", "avslag", roster(deltar[:3], deltar[3:])),
        lotta=lambda _: pytest.fail("no lottning outside val and anställning"),
    )
    assert p.omrostning is not None and p.omrostning.resultat.utslagsrost
    assert p.omrostning.resultat.vinnare is Rostval.JA  # Anna Lind voted ja


@pytest.mark.parametrize(
    ("dnr", "omrostning", "ord_"),
    [
        (P_LOKALER.dnr, Omrostning("a", "b", sluten=True, ja_roster=4, nej_roster=3), "bara"),
        (P_VAL.dnr, Omrostning("a", "b", sluten=True, ja_roster=4, nej_roster=2), "6 röstsedlar"),
        (
            P_VAL.dnr,
            Omrostning("a", "b", roster([ORDF]), sluten=True, ja_roster=4, nej_roster=3),
            "bara antalet",
        ),
        (P_VAL.dnr, Omrostning("a", "b", sluten=True, ja_roster=8, nej_roster=-1), "negativt"),
    ],
)
def test_en_felaktig_sluten_omrostning_vagras(dnr: str, omrostning: Omrostning, ord_: str) -> None:
    s = oppnat()
    vagras(
        s,
        lambda x: x.besluta(dnr, [], Utfall.BIFALL, omrostning=omrostning, lotta=lambda a: a[0]),
        OgiltigUppgift,
        ord_,
    )


def test_propositionerna_stalls_som_ja_eller_nej() -> None:
    o = Omrostning("förvaltningens förslag", "Cecilia Bergs yrkande")
    assert o.propositioner == (
        "Ja för bifall till förvaltningens förslag, nej för bifall till Cecilia Bergs yrkande."
    )


# -- reservationer and protokollsanteckningar -------------------------------------------------


def reservation(av: str, motivering: str = "") -> Reservation:
    return Reservation(Anteckningsslag.RESERVATION, av, "till förmån för eget yrkande", motivering)


def test_reservation_och_protokollsanteckning_i_paragrafen() -> None:
    s = oppnat()
    p = s.besluta(
        P_LOKALER.dnr,
        [],
        Utfall.BIFALL,
        reservationer=[
            reservation("david holm"),
            Reservation(
                Anteckningsslag.PROTOKOLLSANTECKNING,
                "Maria Fors",
                "Lokalerna bör tillgänglighetsprövas.",
            ),
        ],
    )
    assert [(r.slag, r.av) for r in p.reservationer] == [
        (Anteckningsslag.RESERVATION, "David Holm"),
        (Anteckningsslag.PROTOKOLLSANTECKNING, "Maria Fors"),
    ]


@pytest.mark.parametrize(
    ("narvaro", "jav_", "vem", "ord_"),
    [
        (None, [], "Maria Fors", "bara den som deltagit i beslutet"),  # listening ersättare
        (None, ["Cecilia Berg"], "Cecilia Berg", "den som är jävig deltar inte"),
        (Narvaro(ALLA_LEDAMOTER[:6]), [], "Gun Lund", "4 kap. 27 §"),  # absent
    ],
)
def test_reservation_av_den_som_inte_deltog_vagras(
    narvaro: Narvaro | None, jav_: list[str], vem: str, ord_: str
) -> None:
    s = oppnat(narvaro)
    vagras(
        s,
        lambda x: x.besluta(
            P_LOKALER.dnr,
            [],
            Utfall.BIFALL,
            jav=[jav(n) for n in jav_],
            reservationer=[reservation(vem)],
        ),
        OgiltigUppgift,
        f"{vem} kan inte reservera sig",
        ord_,
    )


def test_protokollsanteckning_av_javig_vagras() -> None:
    s = oppnat()
    vagras(
        s,
        lambda x: x.besluta(
            P_LOKALER.dnr,
            [],
            Utfall.BIFALL,
            jav=[jav("Cecilia Berg")],
            reservationer=[
                Reservation(Anteckningsslag.PROTOKOLLSANTECKNING, "Cecilia Berg", "text")
            ],
        ),
        OgiltigUppgift,
        "inte närvarande vid § 46",
    )


def avslutat_med_reservation() -> Sammantrade:
    s = oppnat()
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, reservationer=[reservation("David Holm")])
    s.markera_protokollsutdrag(p.nummer)
    q = s.besluta(P_VAL.dnr, [], Utfall.BIFALL)
    s.markera_protokollsutdrag(q.nummer)
    s.stang(DATUM)
    return s


def test_skriftlig_motivering_tas_emot_fore_justeringen() -> None:
    s = avslutat_med_reservation()
    r = s.motivera_reservation(46, "david holm", "Hyran är för hög.", DATUM + timedelta(days=2))
    assert (r.motivering, r.motivering_mottagen) == ("Hyran är för hög.", D("2008-05-15"))
    assert s.paragrafer[1].reservationer[0] == r


def test_motivering_efter_justering_vagras() -> None:
    s = avslutat_med_reservation()
    s.signera(ORDF, datetime(2008, 5, 20, 10, 0), SHA, SHA)
    vagras(
        s,
        lambda x: x.motivera_reservation(46, "David Holm", "För sent.", D("2008-05-21")),
        OtillatenOvergang,
        "Justeringen av protokollet har börjat",
        "före justeringen",
    )
    s.signera("Cecilia Berg", datetime(2008, 5, 21, 10, 0), SHA, SHA)
    vagras(
        s,
        lambda x: x.motivera_reservation(46, "David Holm", "För sent.", D("2008-05-22")),
        OtillatenOvergang,
        "redan justerat",
    )


@pytest.mark.parametrize(
    ("nummer", "vem", "text", "ord_"),
    [
        (47, "David Holm", "text", "har inte reserverat sig i § 47"),
        (99, "David Holm", "text", "ingen § 99"),
        (46, "David Holm", "  ", "Motiveringen"),
    ],
)
def test_en_felaktig_motivering_vagras(nummer: int, vem: str, text: str, ord_: str) -> None:
    s = avslutat_med_reservation()
    vagras(s, lambda x: x.motivera_reservation(nummer, vem, text, DATUM), OgiltigUppgift, ord_)


def test_motiveringen_tas_emot_en_gang() -> None:
    s = avslutat_med_reservation()
    s.motivera_reservation(46, "David Holm", "Hyran är för hög.", DATUM)
    vagras(
        s,
        lambda x: x.motivera_reservation(46, "David Holm", "Igen.", DATUM),
        OtillatenOvergang,
        "togs emot den 13 maj 2008",
    )


# -- justering frist -------------------------------------------------------------------------


def test_reglementets_kortare_justeringsfrist_galler() -> None:
    s = Sammantrade.planera(NAMND, DATUM)
    s.kalla((P_LOKALER,), DATUM)
    args: dict[str, Any] = {
        "ledamoter": LEDAMOTER,
        "idag": IDAG,
        "justeringsdagar": 7,
    }
    narvaro = Narvaro(ALLA_LEDAMOTER)
    vagras(
        s,
        lambda x: x.oppna(narvaro, ORDF, [VICE], DATUM, DATUM + timedelta(days=8), 45, **args),
        OgiltigUppgift,
        "inom 7 dagar",
        "senast den 20 maj 2008",
        "nämndens reglemente",
    )
    s.oppna(narvaro, ORDF, [VICE], DATUM, DATUM + timedelta(days=7), 45, **args)


def test_lagens_fjorton_dagar_utan_reglemente() -> None:
    s = Sammantrade.planera(NAMND, DATUM)
    s.kalla((P_LOKALER,), DATUM)
    narvaro = Narvaro(ALLA_LEDAMOTER)
    vagras(
        s,
        lambda x: x.oppna(
            narvaro,
            ORDF,
            [VICE],
            DATUM,
            DATUM + timedelta(days=15),
            45,
            ledamoter=LEDAMOTER,
            idag=IDAG,
        ),
        OgiltigUppgift,
        "inom 14 dagar",
        "kommunallagen 5 kap. 69 §",
    )


# -- stored and read back --------------------------------------------------------------------


def test_deltagande_jav_och_reservationer_lagras_och_lases_tillbaka() -> None:
    s = oppnat()
    s.andra_narvaro(lamnar=["Gun Lund"], klockan="19:10")
    s.besluta(
        P_VAL.dnr,
        [],
        Utfall.BIFALL,
        omrostning=Omrostning("Eva Sjö", "Fredrik Ås", sluten=True, ja_roster=3, nej_roster=3),
        jav=[jav("Cecilia Berg")],
        reservationer=[reservation("David Holm", "Skriftlig motivering.")],
        lotta=lambda _: Rostval.JA,
        idag=DATUM,
    )
    tillbaka = fran_json(Sammantrade, till_json(s))
    tillbaka.id = s.id
    assert tillbaka == s


def test_ersattare_vid_oppnandet_tjanstgor_i_ordning() -> None:
    # David Holm (M) is away; Lars Bro (M) goes before Nils Hed for his seat.
    narvaro = Narvaro(
        tuple(n for n in ALLA_LEDAMOTER if n != "David Holm"),
        (NarvarandeErsattare("Nils Hed", "David Holm"), NarvarandeErsattare("Lars Bro")),
    )
    s = Sammantrade.planera(NAMND, DATUM)
    s.kalla((P_LOKALER,), DATUM)
    vagras(
        s,
        lambda x: x.oppna(
            narvaro,
            ORDF,
            [VICE],
            DATUM,
            DATUM + timedelta(days=7),
            45,
            ledamoter=LEDAMOTER,
            idag=IDAG,
        ),
        OgiltigUppgift,
        "Lars Bro går före Nils Hed",
        "ska tjänstgöra för David Holm",
    )
    # In order it opens; an ersättare may still only listen while a seat stays empty.
    i_ordning = Narvaro(
        tuple(n for n in ALLA_LEDAMOTER if n not in ("David Holm", "Gun Lund")),
        (NarvarandeErsattare("Lars Bro", "David Holm"), NarvarandeErsattare("Nils Hed")),
    )
    s.oppna(
        i_ordning,
        ORDF,
        [VICE],
        DATUM,
        DATUM + timedelta(days=7),
        45,
        ledamoter=LEDAMOTER,
        idag=IDAG,
    )


def test_protokollet_sager_nar_den_javiga_deltog_i_javsfragan() -> None:
    from arende.service_layer.dokumentdata.protokoll import _jav

    s = oppnat(Narvaro(FYRA))
    p = s.besluta(
        P_LOKALER.dnr, [], Utfall.BIFALL, jav=[Javsanmalan("Eva Sjö", "vän till sökanden", False)]
    )
    register = {m.namn.casefold(): m for m in LEDAMOTER}
    (rad,) = _jav(p, register, ORDF)
    assert rad == (
        "Fråga om jäv för Eva Sjö (V) (vän till sökanden). Nämnden finner att Eva Sjö inte är "
        "jävig. Eva Sjö deltar i beslutet om jäv, eftersom nämnden annars inte är beslutför "
        "och ingen ersättare kan kallas in (kommunallagen 6 kap. 30 §)."
    )


# -- the ersättare order per party, when fullmäktige decided one (grunddata) -----------------


def test_partiets_beslutade_ordning_gar_fore_regeln() -> None:
    # For S (Anna Lind, Cecilia Berg) fullmäktige decided: Nils Hed (KD), then Maria Fors.
    s_ordning = ("Nils Hed", "Maria Fors")
    ledamoter = tuple(
        replace(m, ersattare=s_ordning) if m.parti == "S" and m.roll.ar_ledamot else m
        for m in LEDAMOTER
    )
    register = kontrollera_ledamoter(ledamoter, NAMND)
    for_cecilia = ersattarordning(register["cecilia berg"], register)
    assert [e.namn for e in for_cecilia] == ["Nils Hed", "Maria Fors", "Lars Bro"]
    # Other parties keep the general rule: own party first, then `ordning`.
    for_david = ersattarordning(register["david holm"], register)
    assert [e.namn for e in for_david] == ["Lars Bro", "Nils Hed", "Maria Fors"]
    # At a meeting: Cecilia Berg jävig, Maria Fors and Nils Hed listening: Nils Hed is called.
    s = Sammantrade.planera(NAMND, DATUM, "Sammanträdesrummet")
    s.kalla((P_VAL, P_LOKALER), DATUM - timedelta(days=7))
    narvaro = Narvaro(
        ALLA_LEDAMOTER, (NarvarandeErsattare("Maria Fors"), NarvarandeErsattare("Nils Hed"))
    )
    s.oppna(
        narvaro, ORDF, ["David Holm"], DATUM + timedelta(days=1), DATUM + timedelta(days=14), 45,
        ledamoter=ledamoter, idag=IDAG,
    )  # fmt: skip
    p = s.besluta(P_LOKALER.dnr, [], Utfall.BIFALL, jav=[jav("Cecilia Berg")])
    assert p.deltagande is not None and p.deltagande.jav[0].ersatt_av == "Nils Hed"


@pytest.mark.parametrize(
    ("ledamot", "ord_"),
    [
        (Ledamot("Cecilia Berg", L.LEDAMOT, "S", ersattare=("Okänd",)), "Okänd i ersättar"),
        (Ledamot("Cecilia Berg", L.LEDAMOT, "S", ersattare=("David Holm",)), "inte ersättare"),
        (
            Ledamot("Cecilia Berg", L.LEDAMOT, "S", ersattare=("Nils Hed", "nils hed")),
            "nämner någon två gånger",
        ),
        (Ledamot("Lars Bro", L.ERSATTARE, "M", ersattare=("Nils Hed",)), "gäller en ledamots"),
    ],
)
def test_en_felaktig_partiordning_vagras(ledamot: Ledamot, ord_: str) -> None:
    ledamoter = tuple(ledamot if m.namn == ledamot.namn else m for m in LEDAMOTER)
    with pytest.raises(OgiltigUppgift, match=ord_):
        kontrollera_ledamoter(ledamoter, NAMND)
