"""The forms' own checks in Swedish (flows/formular.py) and the times the sammanträde's
forms take: the meeting's klockslag and the justering's day and time of day, in Swedish
time with the UTC offset valid on that day (Sweden went to summer time on 30 March 2008
and back on 26 October 2008; pinned here from the almanac)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from flows.formular import KLOCKSLAG, svenska_valideringsfel
from flows.sammantrade import (
    AvslutaSvar,
    SigneraSvar,
    justeringssvar,
    justeringstid,
    oppningsformular,
)

SHA = "0" * 64


class Tider(BaseModel):
    tidpunkt: datetime = Field(title="Tidpunkt")
    klockan: time = Field(title="Klockan")
    dag: date = Field(title="Dag")
    kod: str = Field(title="Kod", pattern=r"^[A-Z]{3}$")


def fel(modell: type[BaseModel], svar: dict[str, Any]) -> str:
    try:
        modell.model_validate(svar)
    except ValidationError as e:
        return svenska_valideringsfel(modell, e)
    raise AssertionError("formuläret tog emot svaret")


GILTIGT = {"tidpunkt": "2008-05-20T10:05:00+02:00", "klockan": "18:00", "dag": "2008-05-20"}


@pytest.mark.parametrize(
    ("andrat", "meddelande"),
    [
        pytest.param(
            {"tidpunkt": "i tisdags"},
            "'Tidpunkt' är ingen tidpunkt (skriv ÅÅÅÅ-MM-DD TT:MM)",
            id="datetime_parsing",
        ),
        pytest.param(
            {"tidpunkt": ["2008-05-20"]},
            "'Tidpunkt' är ingen tidpunkt (skriv ÅÅÅÅ-MM-DD TT:MM)",
            id="datetime_type",
        ),
        pytest.param(
            {"tidpunkt": "2008-02-30"},
            "'Tidpunkt' är ingen tidpunkt (skriv ÅÅÅÅ-MM-DD TT:MM)",
            id="datetime_from_date_parsing",
        ),
        pytest.param(
            {"klockan": "25:00"},
            "'Klockan' är inget klockslag (skriv TT:MM, t.ex. 18:00)",
            id="time_parsing",
        ),
        pytest.param(
            {"klockan": ["18:00"]},
            "'Klockan' är inget klockslag (skriv TT:MM, t.ex. 18:00)",
            id="time_type",
        ),
        pytest.param({"kod": "abc"}, "'Kod' har fel form", id="string_pattern_mismatch"),
        pytest.param({"okant": 1}, "'okant' finns inte i formuläret", id="extra_forbidden"),
    ],
)
def test_pydantics_fel_pa_svenska(andrat: dict[str, Any], meddelande: str) -> None:
    class Strikt(Tider, extra="forbid"):
        pass

    text = fel(Strikt, {**GILTIGT, "kod": "ABC", **andrat})
    assert text == f"Svaret kunde inte tas emot: {meddelande}.", text


@pytest.mark.parametrize("skrivet", ["25:00", "24:00", "18:60", "18", "kl. 18", "18:00:00", ""])
def test_klockslag_som_inte_ar_klockslag_i_formularen(skrivet: str) -> None:
    assert fel(AvslutaSvar, {"avslutades": skrivet}) == (
        "Svaret kunde inte tas emot: 'Sammanträdet avslutades kl.' är inget klockslag "
        "(skriv TT:MM, t.ex. 18:00)."
    )
    signatur = {"protokoll_sha256": SHA, "jag_justerar": True}
    assert fel(SigneraSvar, signatur | {"datum": "2008-05-20", "klockslag": skrivet}) == (
        "Svaret kunde inte tas emot: 'Klockslag' är inget klockslag (skriv TT:MM, t.ex. 18:00)."
    )
    oppna = oppningsformular(["Karin Ekblad", "Johan Sundberg"], [])
    assert "'Klockan' är inget klockslag" in fel(oppna, {"klockan": skrivet})


@pytest.mark.parametrize("skrivet", ["18:00", "18.00", "9:05", "00:00", "23:59"])
def test_klockslag_som_formularen_tar(skrivet: str) -> None:
    assert AvslutaSvar.model_validate({"avslutades": skrivet}).avslutades == skrivet
    # The JSON schema Prefect's server and UI check the answer against has the pattern too.
    assert AvslutaSvar.model_json_schema()["properties"]["avslutades"]["pattern"] == KLOCKSLAG


def test_gamla_signaturformularets_tidpunkt_finns_inte_langre() -> None:
    assert (
        fel(
            SigneraSvar,
            {"protokoll_sha256": SHA, "tidpunkt": "2008-05-20T10:05+02:00"},
        )
        == "Svaret kunde inte tas emot: 'tidpunkt' finns inte i formuläret."
    )


# -- the justering's time ------------------------------------------------------------------

NU = datetime(2008, 11, 3, 9, 41, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("datum", "klockslag", "utc"),
    [
        # Winter time (+01:00) on 28 March, summer time (+02:00) from 30 March: the offset is
        # the one of the day typed, whatever today's is (NU is in winter time again).
        (date(2008, 3, 28), "10:00", datetime(2008, 3, 28, 9, 0, tzinfo=UTC)),
        (date(2008, 3, 31), "10:00", datetime(2008, 3, 31, 8, 0, tzinfo=UTC)),
        (date(2008, 5, 20), "10.05", datetime(2008, 5, 20, 8, 5, tzinfo=UTC)),
        (date(2008, 10, 24), "23:30", datetime(2008, 10, 24, 21, 30, tzinfo=UTC)),
        (date(2008, 10, 27), "23:30", datetime(2008, 10, 27, 22, 30, tzinfo=UTC)),
        # The day alone: noon that day.
        (date(2008, 5, 20), None, datetime(2008, 5, 20, 10, 0, tzinfo=UTC)),
        (date(2008, 5, 20), "  ", datetime(2008, 5, 20, 10, 0, tzinfo=UTC)),
    ],
)
def test_justeringstiden_ar_svensk_tid_den_dagen(
    datum: date, klockslag: str | None, utc: datetime
) -> None:
    tid = justeringstid(datum, klockslag, NU)
    assert tid == utc
    assert tid.tzinfo is STOCKHOLM
    assert tid.date() == datum  # the day of the justering is the day typed


def test_inget_angivet_ar_nu_och_bara_dagens_datum_ocksa() -> None:
    assert justeringstid(None, None, NU) == NU
    assert justeringstid(None, "", NU) == NU
    assert justeringstid(NU.date(), None, NU) == NU


def test_klockslag_utan_datum_vagras() -> None:
    with pytest.raises(OgiltigUppgift, match="Klockslaget 14:30 saknar datum") as info:
        justeringstid(None, "14:30", NU)
    assert "Justerat den" in info.value.meddelande


def test_felaktigt_klockslag_vagras_aven_utan_formularet() -> None:
    with pytest.raises(OgiltigUppgift, match="'25:00' är inget klockslag"):
        justeringstid(date(2008, 5, 20), "25:00", NU)


@pytest.mark.parametrize(
    ("iso", "svar"),
    [
        ("2008-05-20T10:05:00+02:00", {"datum": "2008-05-20", "klockslag": "10:05"}),
        ("2008-05-20T08:05:00+00:00", {"datum": "2008-05-20", "klockslag": "10:05"}),
        ("2008-03-28T23:30:00+00:00", {"datum": "2008-03-29", "klockslag": "00:30"}),
        ("2008-05-20T10:05:00", {"datum": "2008-05-20", "klockslag": "10:05"}),
    ],
)
def test_iso_tid_som_formularets_svar(iso: str, svar: dict[str, str]) -> None:
    """The demo's and the tests' data keep signatures as ISO times (any offset; without one,
    Swedish time); the form gets the day and time of day in Swedish time, and back again."""
    assert justeringssvar(iso) == svar
    tillbaka = justeringstid(date.fromisoformat(svar["datum"]), svar["klockslag"], NU)
    stund = datetime.fromisoformat(iso)
    assert tillbaka == (stund if stund.tzinfo else stund.replace(tzinfo=STOCKHOLM))
