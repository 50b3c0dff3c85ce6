"""How an object is written: its type, its id (its own URL), no empty fields."""

from __future__ import annotations

import mimetypes
from datetime import date
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte, OgiltigUppgift

OPARL = "https://schema.oparl.org/1.1/"
_MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
}


def typ(namn: str) -> str:
    """The OParl type URI: 'Meeting' -> 'https://schema.oparl.org/1.1/Meeting'."""
    return OPARL + namn


def utan_tomma(d: dict[str, Any]) -> dict[str, Any]:
    """OParl leaves out a field it has no value for, rather than give null."""
    return {k: v for k, v in d.items() if v is not None and v != [] and v != ""}


def mimetyp(fil: str) -> str:
    andelse = PurePosixPath(fil).suffix.lower()
    return _MIME.get(andelse) or mimetypes.guess_type(fil)[0] or "application/octet-stream"


class Adresser:
    """The objects' ids: their own URLs under the API's root, so a client can follow them."""

    def __init__(self, bas: str) -> None:
        self.webb = bas.rstrip("/")
        self.rot = self.webb + "/oparl/v1"

    def system(self) -> str:
        return f"{self.rot}/system"

    def kommuner(self) -> str:
        return f"{self.rot}/body"

    def body(self) -> str:
        return f"{self.rot}/body/kommun"

    def bodylista(self, vad: str) -> str:
        return f"{self.body()}/{vad}"

    def organization(self, kortnamn: str) -> str:
        return f"{self.rot}/organization/{quote(kortnamn, safe='')}"

    def person(self, namn: str) -> str:
        return f"{self.rot}/person/{quote(namn, safe='')}"

    def membership(self, kortnamn: str, namn: str) -> str:
        return f"{self.rot}/membership/{quote(kortnamn, safe='')}/{quote(namn, safe='')}"

    def meeting(self, kortnamn: str, datum: date) -> str:
        return f"{self.rot}/meeting/{quote(kortnamn, safe='')}/{datum.isoformat()}"

    def agenda_item(self, kortnamn: str, datum: date, ordning: int) -> str:
        return f"{self.meeting(kortnamn, datum)}/agendaItem/{ordning}"

    def motesfil(self, kortnamn: str, datum: date, namn: str) -> str:
        return f"{self.meeting(kortnamn, datum)}/file/{namn}"

    def paper(self, dnr: Diarienummer) -> str:
        return f"{self.rot}/paper/{quote(dnr.adress, safe='')}"

    def fil(self, dnr: Diarienummer, nummer: int, version: int, pdf: bool = False) -> str:
        return f"{self.paper(dnr)}/file/{nummer}/{version}" + ("/pdf" if pdf else "")


def tolka_paper_id(text: str) -> str:
    """The dnr of a Paper's id; an id that is not one is an unknown Paper (404)."""
    try:
        return str(Diarienummer.ur_adress(text))
    except OgiltigUppgift:
        pass
    raise HittasInte(
        f"Det finns inget ärende '{text[:40]}': ett ärende anges som 'SoN-2008-1' "
        "(diarienumret SoN 2008/1)."
    )
