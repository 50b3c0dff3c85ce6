"""Ärendetyper as definition files: the shipped ones load, a new one needs only a file, and
every broken definition is refused at load with file, line and field named in Swedish."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from arende.adapters.arendetypfil import las_arendetyp, las_arendetyper
from arende.domain.arende import Arende
from arende.domain.arendetyp import Falt, Faltyp, kontrollera_svar
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, OgiltigUppgift, OtillatenOvergang
from arende.domain.livscykel import STANDARD, Livscykel
from arende.domain.skeden import Skede, Utfall
from arende.service_layer.regler import REGLER

ROT = Path(__file__).resolve().parents[2]
TYPER = ROT / "deployments" / "arendetyper"
MALLAR = ROT / "templates"

MINSTA = """\
namn = "{namn}"
rubrik = "Remiss"
titel = "Remiss: {{amne}}"
skeden = ["registrerat", "under beredning", "förslag fastställt", "på dagordning",
    "beslutat", "justerat", "anslaget", "expedierat", "avslutat"]

[dokument."förslag fastställt"]
typ = "tjänsteutlåtande"
mall = "tjansteutlatande_allman.docx"

[[startfalt]]
namn = "amne"
typ = "text"
rubrik = "Remissens ämne"

[[formular]]
skede = "under beredning"
rubrik = "Skriv remissvaret"

[[formular.falt]]
namn = "forslag"
typ = "lista"
rubrik = "Förslag till beslut"
"""


def skriv(katalog: Path, text: str, namn: str = "remiss") -> Path:
    fil = katalog / f"{namn}.toml"
    fil.write_text(text, encoding="utf-8")
    return fil


def las(fil: Path) -> object:
    return las_arendetyp(fil, mallkatalog=MALLAR, regler=REGLER)


def test_de_levererade_typerna_laddas() -> None:
    typer = las_arendetyper(TYPER, mallkatalog=MALLAR, regler=REGLER)
    assert set(typer) == {
        "nominering",
        "deltagande",
        "verksamhetsplan",
        "tjansteutlatande",
        "anmalan",
        "valarende",
    }
    # A val may be voted closed, and a tie is decided by lot (kommunallagen 5 kap.).
    assert typer["valarende"].val_eller_anstallning
    assert not typer["anmalan"].val_eller_anstallning
    assert typer["nominering"].livscykel == STANDARD
    assert typer["nominering"].dokument[Skede.FORSLAG_FASTSTALLT].mall == (
        "tjansteutlatande_nominering.docx"
    )
    assert typer["deltagande"].dokument[Skede.FORSLAG_FASTSTALLT].mall == (
        "tjansteutlatande_deltagande.docx"
    )
    # An anmälningsärende is neither samverkat nor has a förslag to fastställa.
    anmalan = typer["anmalan"].livscykel
    assert Skede.SAMVERKAT not in anmalan.skeden
    assert anmalan.tillaten(Skede.REGISTRERAT, Skede.PA_DAGORDNING)
    assert not anmalan.tillaten(Skede.PA_DAGORDNING, Skede.UNDER_BEREDNING)
    assert typer["verksamhetsplan"].ge_titel({"verksamhetsar": 2009}) == "Verksamhetsplan 2009"


def test_en_ny_typ_behover_bara_en_fil(tmp_path: Path) -> None:
    skriv(tmp_path, MINSTA.format(namn="remiss"))
    typer = las_arendetyper(tmp_path, mallkatalog=MALLAR, regler=REGLER)
    remiss = typer["remiss"]
    assert remiss.ge_titel({"amne": "Ny detaljplan"}) == "Remiss: Ny detaljplan"
    assert Skede.SAMVERKAT not in remiss.livscykel.skeden
    # Återremiss goes back to beredning by default.
    assert remiss.livscykel.tillaten(Skede.PA_DAGORDNING, Skede.UNDER_BEREDNING)


# (what is broken, replace this, with this, words the message must hold)
TRASIGA = [
    (
        "okänt skede",
        '"förslag fastställt", "på dagordning"',
        '"förslag fastställt", "på dagordningen"',
        ["remiss.toml, rad 4", "skeden[3]", "okänt skede 'på dagordningen'", "'på dagordning'"],
    ),
    (
        "okänd fälttyp",
        'typ = "text"',
        'typ = "fritext"',
        ["rad 13", "startfalt[0].typ", "okänt fältslag 'fritext'", "'långtext'"],
    ),
    (
        "mall som inte finns",
        'mall = "tjansteutlatande_allman.docx"',
        'mall = "remissvar.docx"',
        ["rad 9", "dokument.förslag fastställt.mall", "mallen 'remissvar.docx' finns inte"],
    ),
    (
        "mall utanför mallkatalogen",
        'mall = "tjansteutlatande_allman.docx"',
        'mall = "../../etc/passwd.docx"',
        ["rad 9", "ska vara namnet på en .docx-fil i mallkatalogen"],
    ),
    (
        "obligatoriskt skede saknas",
        '"beslutat", "justerat"',
        '"justerat"',
        ["fältet 'skeden'", "skedet 'beslutat' saknas"],
    ),
    (
        "skeden i fel ordning",
        '"registrerat", "under beredning"',
        '"under beredning", "registrerat"',
        ["rad 4", "skeden[1]", "'registrerat' står efter 'under beredning'"],
    ),
    (
        "okänd nyckel",
        'rubrik = "Remiss"',
        'rubrik = "Remiss"\nrubbrik = "Remiss"',
        ["rad 3", "okänd nyckel 'rubbrik'"],
    ),
    (
        "reserverat fältnamn",
        'namn = "amne"',
        'namn = "namnd"',
        ["startfalt[0].namn", "frågar motorn själv efter"],
    ),
    (
        "titel med okänt fält",
        'titel = "Remiss: {amne}"',
        'titel = "Remiss: {amnet}"',
        ["rad 3", "'titel'", "'amnet'"],
    ),
    (
        "formulär för sammanträdets steg",
        'skede = "under beredning"',
        'skede = "justerat"',
        ["formular[0].skede", "tas inte med ett formulär"],
    ),
    (
        "val utan alternativ",
        'typ = "text"',
        'typ = "val"',
        ["startfalt[0].val", "listar inga alternativ"],
    ),
    (
        "fältslag i formulärets fält",
        'typ = "lista"',
        'typ = "tabell"',
        ["formular[0].falt[0].typ", "okänt fältslag 'tabell'"],
    ),
    (
        "namnet stämmer inte med filen",
        'namn = "remiss"',
        'namn = "remissvar"',
        ["rad 1", "ska vara samma som filens namn"],
    ),
    (
        "ogiltig TOML",
        'rubrik = "Remiss"',
        "rubrik = Remiss",
        ["är inte giltig TOML", "line 2"],
    ),
    (
        "okänd regeluppsättning",
        'rubrik = "Remiss"',
        'rubrik = "Remiss"\nregler = "remisser"',
        ["rad 3", "okända regler 'remisser'", "kvalitetsutmarkelse"],
    ),
]


@pytest.mark.parametrize(("fel", "fran", "till", "ord"), TRASIGA, ids=[t[0] for t in TRASIGA])
def test_trasig_definition_vagras_med_fil_rad_och_falt(
    tmp_path: Path, fel: str, fran: str, till: str, ord: list[str]
) -> None:
    text = MINSTA.format(namn="remiss")
    assert fran in text, fel
    skriv(tmp_path, text.replace(fran, till, 1))
    with pytest.raises(OgiltigUppgift) as info:
        las(tmp_path / "remiss.toml")
    for o in ord:
        assert o in info.value.meddelande, info.value.meddelande


GRAF = """\
namn = "krets"
rubrik = "Krets"
titel = "Krets"

[overgangar]
"registrerat" = ["under beredning"]
"under beredning" = ["förslag fastställt"]
"förslag fastställt" = ["på dagordning"]
"på dagordning" = [{till}]
"beslutat" = ["justerat"]
"justerat" = ["anslaget"]
"anslaget" = ["avslutat"]
"""


def test_en_krets_som_aldrig_tar_slut_vagras(tmp_path: Path) -> None:
    """Every way from the dagordning leads back to beredning: the nämnd can never decide."""
    skriv(tmp_path, GRAF.format(till='"under beredning"'), "krets")
    with pytest.raises(OgiltigUppgift) as info:
        las(tmp_path / "krets.toml")
    meddelande = info.value.meddelande
    assert "krets.toml" in meddelande and "overgangar" in meddelande
    assert "kommer aldrig till ett slut" in meddelande
    assert "under beredning → förslag fastställt → på dagordning" in meddelande


def test_grafen_med_en_vag_ut_godtas(tmp_path: Path) -> None:
    skriv(tmp_path, GRAF.format(till='"beslutat", "under beredning"'), "krets")
    typ = las_arendetyp(tmp_path / "krets.toml", mallkatalog=MALLAR)
    assert typ.livscykel.tillaten(Skede.PA_DAGORDNING, Skede.UNDER_BEREDNING)


@pytest.mark.parametrize(
    ("fran", "till", "ord"),
    [
        ('"på dagordning" = [{till}]', '"på dagordning" = ["avslutat"]', "hoppar över"),
        ('"anslaget" = ["avslutat"]', '"anslaget" = ["avslutat", "registrerat"]', "går bakåt"),
        (
            '"anslaget" = ["avslutat"]',
            '"anslaget" = ["avslutat"]\n"avslutat" = ["anslaget"]',
            "leder inte vidare",
        ),
        (
            '"registrerat" = ["under beredning"]',
            '"registrerat" = ["under beredning"]\n"samverkat" = ["förslag fastställt"]',
            "nås aldrig",
        ),
        ('"beslutat" = ["justerat"]', '"beslutat" = ["justerad"]', "okänt skede 'justerad'"),
    ],
)
def test_olagliga_overgangar_vagras(tmp_path: Path, fran: str, till: str, ord: str) -> None:
    text = GRAF.replace(fran, till).format(till='"beslutat"')
    skriv(tmp_path, text, "krets")
    with pytest.raises(OgiltigUppgift) as info:
        las(tmp_path / "krets.toml")
    assert ord in info.value.meddelande
    assert "krets.toml, rad" in info.value.meddelande


def test_en_tom_katalog_vagras(tmp_path: Path) -> None:
    with pytest.raises(OgiltigUppgift, match="inga ärendetyper"):
        las_arendetyper(tmp_path, mallkatalog=MALLAR)


# -- the lifecycle on the ärende --------------------------------------------------------------


def anmalan(idag: date = date(2026, 3, 2)) -> Arende:
    return Arende.registrera(
        dnr=Diarienummer("SN", 2026, 7),
        arendetyp="anmalan",
        livscykel=Livscykel.linjar(
            [
                Skede.REGISTRERAT,
                Skede.PA_DAGORDNING,
                Skede.BESLUTAT,
                Skede.JUSTERAT,
                Skede.ANSLAGET,
                Skede.AVSLUTAT,
            ],
            aterremiss=False,
        ),
        titel="Anmälan av delegationsbeslut: bistånd, februari",
        namnd="Socialtjänstnämnden",
        handlaggare="Lena Murray",
        registreringsdatum=idag,
        planerat_sammantrade=date(2026, 3, 17),
        uppgifter={"beslutsomrade": "bistånd, februari"},
        idag=idag,
    )


def vagras(arende: Arende, gor: object, *ord: str) -> None:
    fore = copy.deepcopy(arende)
    with pytest.raises(ArendeFel) as info:
        gor(arende)  # type: ignore[operator]
    for o in ord:
        assert o in info.value.meddelande, info.value.meddelande
    assert arende == fore


def test_en_anmalan_gar_direkt_till_dagordningen_och_avslutas_efter_anslaget() -> None:
    a = anmalan()
    vagras(
        a, lambda x: x.paborja_beredning(), "ärendetypen anmalan har inget skede 'under beredning'"
    )
    vagras(
        a,
        lambda x: x.registrera_samverkan(date(2026, 3, 3), "", idag=date(2026, 3, 3)),
        "har inget skede 'samverkat'",
    )
    a.satt_pa_dagordning(date(2026, 3, 17))
    vagras(
        a,
        lambda x: x.besluta(
            Utfall.ATERREMISS,
            12,
            omedelbar_justering=False,
            nytt_sammantrade=date(2026, 4, 14),
            idag=date(2026, 3, 17),
        ),
        "kan inte återremitteras",
    )
    a.besluta(Utfall.BIFALL, 12, omedelbar_justering=False, idag=date(2026, 3, 17))
    a.justera(date(2026, 3, 20), "Anna Ordf", ["Bo Juster"], idag=date(2026, 3, 20))
    a.ansla(date(2026, 3, 23), idag=date(2026, 3, 23))
    vagras(
        a,
        lambda x: x.expediera(date(2026, 3, 24), ["X"], idag=date(2026, 3, 24)),
        "har inget skede 'expedierat'",
    )
    vagras(a, lambda x: x.avsluta(date(2026, 3, 20), idag=date(2026, 3, 24)), "före anslaget")
    a.avsluta(date(2026, 3, 24), idag=date(2026, 3, 24))
    assert a.skede is Skede.AVSLUTAT


def test_utan_samverkan_fastställs_förslaget_direkt_efter_beredningen() -> None:
    a = anmalan()
    a.livscykel = Livscykel.linjar(
        [s for s in Skede if s is not Skede.SAMVERKAT and s is not Skede.EXPEDIERAT]
    )
    a.paborja_beredning()
    a.faststall_forslag(date(2026, 3, 3), ["Chef"], ["Nämnden godkänner."], idag=date(2026, 3, 3))
    assert a.skede is Skede.FORSLAG_FASTSTALLT
    vagras(a, lambda x: x.satt_pa_dagordning(date(2026, 3, 2)), "före fastställandet")


def test_uppgifter_skrivs_under_beredningen_men_inte_efter_faststallandet() -> None:
    a = anmalan()
    a.livscykel = STANDARD
    a.paborja_beredning()
    a.registrera_uppgifter(Skede.UNDER_BEREDNING, {"forslag": ["Nämnden godkänner."]})
    a.registrera_uppgifter(Skede.UNDER_BEREDNING, {"forslag": ["Nämnden beslutar."]})
    assert a.uppgifter["under beredning"] == {"forslag": ["Nämnden beslutar."]}
    a.registrera_samverkan(date(2026, 3, 3), "", idag=date(2026, 3, 3))
    a.faststall_forslag(date(2026, 3, 4), ["Chef"], ["Nämnden godkänner."], idag=date(2026, 3, 4))
    vagras(a, lambda x: x.registrera_uppgifter(Skede.UNDER_BEREDNING, {}), "kan inte ändras")


def test_påbörja_beredning_kan_inte_ta_återremissens_väg() -> None:
    a = anmalan()
    a.livscykel = STANDARD
    a.paborja_beredning()
    a.registrera_samverkan(date(2026, 3, 3), "", idag=date(2026, 3, 3))
    a.faststall_forslag(date(2026, 3, 4), ["Chef"], ["Nämnden godkänner."], idag=date(2026, 3, 4))
    a.satt_pa_dagordning(date(2026, 3, 17))
    vagras(a, lambda x: x.paborja_beredning(), "redan på dagordning")
    assert isinstance(OtillatenOvergang("x"), ArendeFel)


# -- the answers to a type's forms ----------------------------------------------------------

ENHETER = Falt(
    "enheter",
    Faltyp.POSTER,
    "Verksamheter",
    falt=(Falt("namn", Faltyp.TEXT, "Namn", max_langd=10), Falt("antal", Faltyp.HELTAL, "Antal")),
)
FALT = (
    Falt("amne", Faltyp.TEXT, "Ämne"),
    Falt("text", Faltyp.LANGTEXT, "Text", obligatoriskt=False),
    Falt("dag", Faltyp.DATUM, "Dag", obligatoriskt=False),
    Falt("antal", Faltyp.HELTAL, "Antal", obligatoriskt=False),
    Falt("brad", Faltyp.JA_NEJ, "Brådskande", obligatoriskt=False),
    Falt("klass", Faltyp.VAL, "Klass", obligatoriskt=False, val=("skola", "förskola")),
    Falt("rader", Faltyp.LISTA, "Rader", obligatoriskt=False),
    ENHETER,
)
GODA: dict[str, object] = {"amne": "Ny plan", "enheter": [{"namn": "Kruton", "antal": "7"}]}


def test_goda_svar_rensas_och_blir_json() -> None:
    svar = kontrollera_svar(
        FALT,
        GODA | {"dag": "2026-03-02", "brad": "ja", "klass": "skola", "rader": [" a ", ""]},
    )
    assert svar == {
        "amne": "Ny plan",
        "text": None,
        "dag": "2026-03-02",
        "antal": None,
        "brad": True,
        "klass": "skola",
        "rader": ["a"],
        "enheter": [{"namn": "Kruton", "antal": 7}],
    }


@pytest.mark.parametrize(
    ("andrat", "ord"),
    [
        ({"amne": "  "}, "Ämne saknas"),
        ({"amne": "x" * 301}, "Ämne har 301 tecken"),
        ({"amne": "rad\nrad"}, "styrtecken"),
        ({"amne": 7}, "Ämne ska vara text"),
        ({"text": "a\x00b"}, "Text innehåller otillåtna styrtecken"),
        ({"dag": "2026-02-30"}, "Dag ska vara ett datum"),
        ({"antal": "sju"}, "Antal ska vara ett heltal, inte 'sju'"),
        ({"antal": True}, "Antal ska vara ett heltal"),
        ({"brad": "kanske"}, "Brådskande besvaras med ja eller nej"),
        ({"klass": "gymnasium"}, "'gymnasium' finns inte bland alternativen (skola, förskola)"),
        ({"rader": "en rad"}, "Rader ska vara en lista"),
        ({"enheter": [{"namn": "Kruton", "antal": "x"}]}, "Antal ska vara ett heltal"),
        ({"enheter": [{"namn": "Uppsökarenheten", "antal": 1}]}, "Namn har 15 tecken"),
        ({"enheter": [{"namn": "K"}]}, "Antal saknas"),
        ({"enheter": "Kruton"}, "Verksamheter ska vara en lista med poster"),
        ({"okant": 1}, "Formuläret har inget fält 'okant'"),
    ],
)
def test_felaktiga_svar_vagras_pa_svenska(andrat: dict[str, object], ord: str) -> None:
    with pytest.raises(OgiltigUppgift) as info:
        kontrollera_svar(FALT, GODA | andrat)
    assert ord in info.value.meddelande
