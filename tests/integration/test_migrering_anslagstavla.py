"""Migration 0010: meetings anslagna before the anslagstavla had its table get their
notices from the stored aggregate, marked as registered afterwards."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import text
from sqlmodel import Session

from arende.adapters.anslagstavla import SqlAnslagstavla
from arende.adapters.databas import alembic_konfig, skapa_motor
from arende.adapters.repository import SqlGrunddata
from arende.domain.anslagstavla import Anslagsslag


def test_tidigare_anslag_kommer_upp_pa_tavlan(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    konfig = alembic_konfig(url)
    command.upgrade(konfig, "0009")
    motor = skapa_motor(url)
    mote = {
        "anslag": {"datum": "2008-05-22", "justeringsdatum": "2008-05-20",
                   "paragrafer": [1, 3], "overklagande_slut": "2008-06-12"},
        "omedelbara_anslag": [{"datum": "2008-05-14", "justeringsdatum": "2008-05-13",
                               "paragrafer": [2], "overklagande_slut": "2008-06-04"}],
    }  # fmt: skip
    with motor.begin() as con:
        con.execute(
            text(
                "INSERT INTO namnd (id, namn, diarieprefix, forvaltning, protokoll_forvaras, "
                "sammantradeslokal) VALUES (1, 'Socialtjänstnämnden', 'SoN', "
                "'Socialförvaltningen', '', '')"
            )
        )
        con.execute(
            text("INSERT INTO sammantrade (namnd_id, datum, data) VALUES (1, '2008-05-13', :d)"),
            {"d": json.dumps(mote)},
        )
    command.upgrade(konfig, "head")
    with Session(motor) as s:
        notiser = SqlAnslagstavla(s, SqlGrunddata(s)).alla()
    assert [(n.slag, n.anslaget, n.paragrafer, n.ned, n.forvaras, n.i_efterhand) for n in notiser] == [
        (Anslagsslag.JUSTERAT_PROTOKOLL, date(2008, 5, 22), (1, 3), date(2008, 6, 13),
         "Socialförvaltningen", True),
        (Anslagsslag.OMEDELBART_JUSTERADE, date(2008, 5, 14), (2,), date(2008, 6, 5),
         "Socialförvaltningen", True),
    ]  # fmt: skip
    motor.dispose()
