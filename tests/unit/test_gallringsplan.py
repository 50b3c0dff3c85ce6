"""The classification and informationshanteringsplan as rules (domain/gallring.py) and as the
file the archive's people keep (adapters/informationshanteringsplanfil.py): a period that
can be read, a plan that leaves nothing unclassified, and what a gallring run may propose."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from arende.adapters.informationshanteringsplanfil import las_plan
from arende.domain.fel import OgiltigUppgift
from arende.domain.gallring import (
    Bestammelse,
    Enhet,
    Fristgrund,
    Gallringsbeslut,
    Gallringsfrist,
    Informationshanteringsplan,
    Kandidat,
    Klass,
    far_gallras,
    kontrollera_kod,
    tolka_frist,
)
from arende.domain.handling import Handlingstyp
from tests.fakes import ARENDETYPER, INFORMATIONSHANTERINGSPLAN, _typer

HANDLINGSTYPER = [t.value for t in Handlingstyp]
BESLUT = Gallringsbeslut("SoN 2019/12", date(2019, 3, 19), "Socialtjänstnämnden")


# -- the period --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "frist"),
    [
        ("2 år efter ärendets avslut", Gallringsfrist(Fristgrund.AVSLUT, 2, Enhet.AR)),
        ("2  år  efter  ärendets\navslut", Gallringsfrist(Fristgrund.AVSLUT, 2, Enhet.AR)),
        ("0 år efter avslut", Gallringsfrist(Fristgrund.AVSLUT, 0, Enhet.AR)),
        (
            "6 månader efter handlingens datum",
            Gallringsfrist(Fristgrund.HANDLINGENS_DATUM, 6, Enhet.MANADER),
        ),
        (
            "1 månad efter upprättandet",
            Gallringsfrist(Fristgrund.HANDLINGENS_DATUM, 1, Enhet.MANADER),
        ),
        ("30 dagar efter inkomsten", Gallringsfrist(Fristgrund.HANDLINGENS_DATUM, 30, Enhet.DAGAR)),
        ("1 dag efter ärendets avslut", Gallringsfrist(Fristgrund.AVSLUT, 1, Enhet.DAGAR)),
        ("vid inaktualitet", Gallringsfrist(Fristgrund.INAKTUALITET)),
        ("Vid Inaktualitet", Gallringsfrist(Fristgrund.INAKTUALITET)),
    ],
)
def test_fristen_lases(text: str, frist: Gallringsfrist) -> None:
    assert tolka_frist(text) == frist


@pytest.mark.parametrize(
    ("text", "ord_"),
    [
        ("-2 år efter ärendets avslut", "negativ"),
        ("−1 månader efter handlingens datum", "negativ"),
        ("2 år", "går inte att läsa"),
        ("två år efter ärendets avslut", "går inte att läsa"),
        ("2 veckor efter ärendets avslut", "går inte att läsa"),
        ("2 år före ärendets avslut", "går inte att läsa"),
        ("", "går inte att läsa"),
        ("bevaras", "går inte att läsa"),
        ("500 år efter ärendets avslut", "längre än 200 år"),
        ("2401 månader efter avslut", "längre än 200 år"),
    ],
)
def test_en_frist_som_inte_gar_vagras_pa_svenska(text: str, ord_: str) -> None:
    with pytest.raises(OgiltigUppgift, match=ord_):
        tolka_frist(text)


@pytest.mark.parametrize(
    ("frist", "start", "forsta_dag"),
    [
        ("2 år efter ärendets avslut", date(2020, 6, 15), date(2022, 6, 15)),
        ("1 år efter ärendets avslut", date(2020, 2, 29), date(2021, 2, 28)),
        ("4 år efter ärendets avslut", date(2020, 2, 29), date(2024, 2, 29)),
        ("1 månad efter handlingens datum", date(2021, 1, 31), date(2021, 2, 28)),
        ("13 månader efter handlingens datum", date(2021, 12, 15), date(2023, 1, 15)),
        ("10 dagar efter handlingens datum", date(2021, 12, 25), date(2022, 1, 4)),
        ("vid inaktualitet", date(2021, 3, 3), date(2021, 3, 3)),
    ],
)
def test_fristen_slutar_pa_motsvarande_dag(frist: str, start: date, forsta_dag: date) -> None:
    assert tolka_frist(frist).efter(start) == forsta_dag


def test_fristen_skrivs_som_planen_sager_den() -> None:
    assert str(tolka_frist("2 år efter avslut")) == "2 år efter ärendets avslut"
    assert str(tolka_frist("1 månader efter upprättandet")) == "1 månad efter handlingens datum"
    assert str(tolka_frist("vid inaktualitet")) == "vid inaktualitet"


@pytest.mark.parametrize("kod", ["1", "1.2", "1.2.3", "12.10.999"])
def test_klassificeringskoder(kod: str) -> None:
    assert kontrollera_kod(kod) == kod


@pytest.mark.parametrize("kod", ["", "0", "1.", ".1", "1.2.3.4", "1,2", "A.1", "1.02", "1.2 .3"])
def test_felaktiga_klassificeringskoder_vagras(kod: str) -> None:
    with pytest.raises(OgiltigUppgift, match="ett till tre nummer"):
        kontrollera_kod(kod)


# -- the plan as a whole -----------------------------------------------------------------


def _klasser(**typer: tuple[str, ...]) -> list[Klass]:
    return [
        Klass("1", "Styra"),
        Klass("1.1", "Besluta"),
        Klass("1.1.1", "Handlägga", typer.get("a", ("tjansteutlatande",))),
        Klass("1.1.2", "Planera", typer.get("b", ("verksamhetsplan",))),
    ]


def _bestammelser(*extra: Bestammelse, utan: str | None = None) -> list[Bestammelse]:
    alla = [Bestammelse(t, None, bevaras=True) for t in HANDLINGSTYPER if t != utan]
    return [
        b for b in alla if all(b.handlingstyp != e.handlingstyp or e.process for e in extra)
    ] + list(extra)


def _plan(*extra: Bestammelse, klasser: list[Klass] | None = None) -> Informationshanteringsplan:
    return Informationshanteringsplan.skapa(
        klasser or _klasser(),
        [BESLUT],
        _bestammelser(*extra),
        arendetyper=["tjansteutlatande", "verksamhetsplan"],
        handlingstyper=HANDLINGSTYPER,
    )


def _galler(typ: str, frist: str, process: str | None = None, **fler: bool) -> Bestammelse:
    return Bestammelse(typ, process, bevaras=False, frist=tolka_frist(frist), beslut=BESLUT, **fler)


def test_en_hel_plan_godtas_och_klassificerar() -> None:
    plan = _plan(_galler("e-postmeddelande", "2 år efter ärendets avslut"))
    assert [str(k) for k in plan.klassificering("verksamhetsplan")] == [
        "1 Styra",
        "1.1 Besluta",
        "1.1.2 Planera",
    ]
    assert str(plan.bestammelse("tjansteutlatande", "e-postmeddelande")) == (
        "gallras 2 år efter ärendets avslut enligt Socialtjänstnämndens beslut SoN 2019/12 "
        "den 2019-03-19"
    )
    assert str(plan.bestammelse("tjansteutlatande", "tjänsteutlåtande")) == "bevaras"


def test_processens_egen_bestammelse_gar_fore_den_allmanna() -> None:
    plan = _plan(_galler("bilaga", "vid inaktualitet", process="1.1.2"))
    assert plan.bestammelse("verksamhetsplan", "bilaga").bevaras is False  # type: ignore[union-attr]
    assert plan.bestammelse("tjansteutlatande", "bilaga").bevaras is True  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("klasser", "bestammelser", "arendetyper", "ord_"),
    [
        # an ärendetyp nobody classified
        (
            _klasser(b=()),
            _bestammelser(),
            ["tjansteutlatande", "verksamhetsplan"],
            "'verksamhetsplan' hör inte till någon process",
        ),
        # a plan naming an ärendetyp the system does not have
        (
            _klasser(b=("verksamhetsplan", "okand_typ")),
            _bestammelser(),
            ["tjansteutlatande", "verksamhetsplan"],
            "ärendetypen 'okand_typ', som inte finns",
        ),
        # one ärendetyp in two processes
        (
            _klasser(b=("verksamhetsplan", "tjansteutlatande")),
            _bestammelser(),
            ["tjansteutlatande", "verksamhetsplan"],
            "både process 1.1.1 och 1.1.2",
        ),
        # ärendetyper on a processgrupp
        (
            [Klass("1", "Styra"), Klass("1.1", "Besluta", ("tjansteutlatande", "verksamhetsplan"))],
            _bestammelser(),
            ["tjansteutlatande", "verksamhetsplan"],
            "är en processgrupp",
        ),
        # a class under a parent that does not exist
        (
            [Klass("1", "Styra"), Klass("1.1.1", "X", ("tjansteutlatande", "verksamhetsplan"))],
            _bestammelser(),
            ["tjansteutlatande", "verksamhetsplan"],
            "ligger under 1.1, som inte finns",
        ),
        # the same code twice
        (
            _klasser() + [Klass("1.1", "Igen")],
            _bestammelser(),
            ["tjansteutlatande", "verksamhetsplan"],
            "1.1 finns två gånger",
        ),
        # a handlingstyp the plan leaves out
        (
            _klasser(),
            _bestammelser(utan="bilaga"),
            ["tjansteutlatande", "verksamhetsplan"],
            "'bilaga' saknas i informationshanteringsplanen",
        ),
        # a handlingstyp the system does not make
        (
            _klasser(),
            _bestammelser(Bestammelse("fax", None, bevaras=True)),
            ["tjansteutlatande", "verksamhetsplan"],
            "'fax', som systemet inte känner",
        ),
        # a process override for a process that is not one
        (
            _klasser(),
            _bestammelser(Bestammelse("bilaga", "1.1", bevaras=True)),
            ["tjansteutlatande", "verksamhetsplan"],
            "1.1 är ingen process",
        ),
        # both bevaras and a period
        (
            _klasser(),
            _bestammelser(
                Bestammelse("bilaga", "1.1.1", bevaras=True, frist=tolka_frist("vid inaktualitet"))
            ),
            ["tjansteutlatande", "verksamhetsplan"],
            "både att",
        ),
        # gallras without a decision
        (
            _klasser(),
            _bestammelser(
                Bestammelse("bilaga", "1.1.1", bevaras=False, frist=tolka_frist("vid inaktualitet"))
            ),
            ["tjansteutlatande", "verksamhetsplan"],
            "gallringsbeslut",
        ),
        # gallras without a period
        (
            _klasser(),
            _bestammelser(Bestammelse("bilaga", "1.1.1", bevaras=False, beslut=BESLUT)),
            ["tjansteutlatande", "verksamhetsplan"],
            "men inte när",
        ),
    ],
)
def test_en_trasig_plan_vagras_pa_svenska(
    klasser: list[Klass], bestammelser: list[Bestammelse], arendetyper: list[str], ord_: str
) -> None:
    with pytest.raises(OgiltigUppgift, match=ord_):
        Informationshanteringsplan.skapa(
            klasser, [BESLUT], bestammelser, arendetyper=arendetyper, handlingstyper=HANDLINGSTYPER
        )


# -- what may go -------------------------------------------------------------------------


def _kandidat(
    typ: str = "e-postmeddelande",
    avslut: date | None = date(2020, 6, 15),
    datum: date = date(2020, 1, 10),
    arendetyp: str = "tjansteutlatande",
) -> Kandidat:
    return Kandidat("SoN 2020/1", arendetyp, avslut, 3, typ, datum, ("a" * 64,))


@pytest.mark.parametrize(
    ("bestammelse", "kandidat", "idag", "far"),
    [
        # the period has run: it may go, from the first day on
        (
            _galler("e-postmeddelande", "2 år efter ärendets avslut"),
            _kandidat(),
            date(2022, 6, 15),
            True,
        ),
        (
            _galler("e-postmeddelande", "2 år efter ärendets avslut"),
            _kandidat(),
            date(2026, 1, 1),
            True,
        ),
        # one day early
        (
            _galler("e-postmeddelande", "2 år efter ärendets avslut"),
            _kandidat(),
            date(2022, 6, 14),
            False,
        ),
        # an open ärende: never, the period counts from an avslut that has not happened
        (
            _galler("e-postmeddelande", "2 år efter ärendets avslut"),
            _kandidat(avslut=None),
            date(2030, 1, 1),
            False,
        ),
        (
            _galler("e-postmeddelande", "2 år efter ärendets avslut", aven_oppna=True),
            _kandidat(avslut=None),
            date(2030, 1, 1),
            False,
        ),
        # an open ärende, a period from the handling's date: only if the plan says so
        (
            _galler("e-postmeddelande", "1 år efter handlingens datum"),
            _kandidat(avslut=None),
            date(2030, 1, 1),
            False,
        ),
        (
            _galler("e-postmeddelande", "1 år efter handlingens datum", aven_oppna=True),
            _kandidat(avslut=None),
            date(2021, 1, 10),
            True,
        ),
        (
            _galler("e-postmeddelande", "1 år efter handlingens datum", aven_oppna=True),
            _kandidat(avslut=None),
            date(2021, 1, 9),
            False,
        ),
        # vid inaktualitet: once closed, at once
        (_galler("e-postmeddelande", "vid inaktualitet"), _kandidat(), date(2020, 1, 10), True),
        (
            _galler("e-postmeddelande", "vid inaktualitet"),
            _kandidat(avslut=None),
            date(2030, 1, 1),
            False,
        ),
        # what the plan keeps never goes
        (Bestammelse("e-postmeddelande", None, bevaras=True), _kandidat(), date(2099, 1, 1), False),
        # another kind of handling than the one the plan lets go
        (
            _galler("e-postmeddelande", "vid inaktualitet"),
            _kandidat(typ="bilaga"),
            date(2099, 1, 1),
            False,
        ),
    ],
)
def test_bara_det_planen_tillater_nar_tiden_ar_inne(
    bestammelse: Bestammelse, kandidat: Kandidat, idag: date, far: bool
) -> None:
    plan = _plan(bestammelse)
    post = far_gallras(plan, kandidat, idag)
    assert (post is not None) is far
    if post is not None:
        assert (post.dnr, post.nummer, post.beslut) == ("SoN 2020/1", 3, "SoN 2019/12")
        assert post.fran_och_med <= idag


def test_processens_bestammelse_galler_bara_i_processen() -> None:
    plan = _plan(_galler("bilaga", "vid inaktualitet", process="1.1.2"))
    assert far_gallras(plan, _kandidat("bilaga", arendetyp="verksamhetsplan"), date(2026, 1, 1))
    assert (
        far_gallras(plan, _kandidat("bilaga", arendetyp="tjansteutlatande"), date(2026, 1, 1))
        is None
    )


# -- the file ----------------------------------------------------------------------------


def test_projektets_plan_klassificerar_alla_typer() -> None:
    plan = las_plan(INFORMATIONSHANTERINGSPLAN, arendetyper=_typer(), handlingstyper=HANDLINGSTYPER)
    for typ in _typer():
        assert plan.process_for(typ) is not None, typ
    assert ARENDETYPER.is_dir()


GOD = """
[[klass]]
kod = "1"
namn = "Styra"
[[klass]]
kod = "1.1"
namn = "Besluta"
[[klass]]
kod = "1.1.1"
namn = "Handlägga"
arendetyper = ["tjansteutlatande", "verksamhetsplan"]
[[gallringsbeslut]]
beteckning = "SoN 2019/12"
datum = 2019-03-19
organ = "Socialtjänstnämnden"
""" + "".join(
    f'[[handlingstyp]]\ntyp = "{t}"\nbevaras = true\n' for t in HANDLINGSTYPER if t != "bilaga"
)


def _skriv(tmp_path: Path, text: str) -> Path:
    fil = tmp_path / "plan.toml"
    fil.write_text(text, encoding="utf-8")
    return fil


def _las(fil: Path) -> Informationshanteringsplan:
    return las_plan(
        fil, arendetyper=["tjansteutlatande", "verksamhetsplan"], handlingstyper=HANDLINGSTYPER
    )


def test_en_god_fil_lases(tmp_path: Path) -> None:
    plan = _las(
        _skriv(
            tmp_path,
            GOD + '[[handlingstyp]]\ntyp = "bilaga"\ngallras = "2 år efter avslut"\n'
            'beslut = "SoN 2019/12"\n',
        )
    )
    assert plan.bestammelse("tjansteutlatande", "bilaga").beslut == Gallringsbeslut(  # type: ignore[union-attr]
        "SoN 2019/12", date(2019, 3, 19), "Socialtjänstnämnden"
    )


@pytest.mark.parametrize(
    ("tillagg", "ord_"),
    [
        (
            '[[handlingstyp]]\ntyp = "bilaga"\ngallras = "-2 år efter ärendets avslut"\nbeslut = "SoN 2019/12"\n',
            r"rad RAD: .*'bilaga'.*negativ",
        ),
        (
            '[[handlingstyp]]\ntyp = "bilaga"\ngallras = "2 år efter ärendets avslut"\nbeslut = "SoN 2020/1"\n',
            r"gallringsbeslutet 'SoN 2020/1' finns inte",
        ),
        ('[[handlingstyp]]\ntyp = "bilaga"\ngallra = "2 år"\n', r"okänt fält 'gallra'"),
        ('[[handlingstyp]]\ntyp = "bilaga"\n', r"ange bevaras = true eller gallras"),
        (
            '[[handlingstyp]]\ntyp = "bilaga"\nbevaras = "ja"\n',
            r"'bevaras' ska vara sant eller falskt",
        ),
        ("", r"'bilaga' saknas i informationshanteringsplanen"),
        (
            '[[handlingstyp]]\ntyp = "bilaga"\nbevaras = true\n[[klass]]\nkod = "2.1.1"\nnamn = "X"\n',
            r"ligger under 2.1, som inte finns",
        ),
        (
            '[[handlingstyp]]\ntyp = "bilaga"\nbevaras = true\n[[klass]]\nkod = "9"\nnamn = "X"\narendetyper = ["nominering_2"]\n',
            r"är ett verksamhetsområde|'nominering_2', som inte finns",
        ),
        ('[[handlingstyp]]\ntyp = "bilaga"\nbevaras = true\nokand = 1\n', r"okänt fält 'okand'"),
        ("[[handlingstyp]\n", r"inte giltig TOML"),
    ],
)
def test_en_trasig_fil_vagras_med_fil_och_rad(tmp_path: Path, tillagg: str, ord_: str) -> None:
    fil = _skriv(tmp_path, GOD + tillagg)
    # The line of the period, where the person editing the file should look.
    rad = len(GOD.splitlines()) + 3  # the first case's third line of its own: its period
    with pytest.raises(OgiltigUppgift, match=ord_.replace("RAD", str(rad))) as fel:
        _las(fil)
    assert str(fil) in fel.value.meddelande


def test_en_plan_som_saknas_sager_vad_den_ar_till_for(tmp_path: Path) -> None:
    with pytest.raises(OgiltigUppgift, match="vad som bevaras och vad som får gallras"):
        _las(tmp_path / "finns_inte.toml")


def test_en_plan_som_namner_en_okand_arendetyp_vagras(tmp_path: Path) -> None:
    fil = _skriv(
        tmp_path,
        GOD.replace(
            '["tjansteutlatande", "verksamhetsplan"]',
            '["tjansteutlatande", "verksamhetsplan", "bygglov"]',
        )
        + '[[handlingstyp]]\ntyp = "bilaga"\nbevaras = true\n',
    )
    with pytest.raises(OgiltigUppgift, match="nämner ärendetypen 'bygglov', som inte finns"):
        _las(fil)
