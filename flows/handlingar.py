"""The ärende's registered documents on its flow run: a PDF for each, and an artifact with
links to the files and a preview of the text, so the handläggare reads them in the UI."""

from __future__ import annotations

import re
import unicodedata
from uuid import UUID

from prefect import get_run_logger, runtime, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
)
from prefect.client.schemas.objects import Artifact
from prefect.client.schemas.sorting import ArtifactSort
from pydantic import TypeAdapter

from arende.bootstrap import Arendesystem, starta
from arende.config import Installningar
from arende.domain.fel import ArendeFel
from arende.domain.handling import Handling, Riktning
from arende.service_layer import handlingar


def artefaktnyckel(dnr: str, handling: Handling) -> str:
    """Prefect keys allow lowercase ASCII, digits and dashes: 'son-2008-1-handling-1-v1'."""
    ascii_dnr = unicodedata.normalize("NFKD", dnr).encode("ascii", "ignore").decode().lower()
    grund = re.sub(r"[^a-z0-9]+", "-", ascii_dnr).strip("-")
    return f"{grund}-handling-{handling.nummer}-v{handling.version}"


def filadress(system: Arendesystem, relativ: str) -> str:
    """A link the browser can open: through the archive's web address when one is set
    (`make up` serves the archive folder), else the file itself."""
    bas = Installningar().arkiv_url
    return f"{bas.rstrip('/')}/{relativ}" if bas else system.arkiv.url(relativ)


def artefakter(korning_id: UUID, nycklar: list[str] | None = None) -> list[Artifact]:
    """The artifacts shown on a run, newest first (optionally only these keys)."""
    filter_ = ArtifactFilter(
        flow_run_id=ArtifactFilterFlowRunId(any_=[korning_id]),
        **({"key": ArtifactFilterKey(any_=nycklar)} if nycklar else {}),
    )
    with get_client(sync_client=True) as klient:
        # The client sends every part of the filter, and this Prefect/FastAPI pair rejects
        # a part sent as null, while an empty task-run filter joins on task runs and drops
        # artifacts made by the flow itself: post the request with only what we filter on.
        svar = klient.request(
            "POST",
            "/artifacts/filter",
            json={
                "artifacts": filter_.model_dump(mode="json", exclude_unset=True),
                "limit": 200,
                "offset": 0,
                "sort": ArtifactSort.UPDATED_DESC.value,
            },
        )
        return TypeAdapter(list[Artifact]).validate_python(svar.json())


def redan_visad(nyckel: str) -> bool:
    """Whether this run already shows an artifact with this key (a replay must not add it
    again)."""
    return bool(artefakter(UUID(str(runtime.flow_run.id)), [nyckel]))


# The ärenden whose new documents still lack their PDF and artifacts in this process: made
# while the next form waits (flows/vantan.py), not while the person waits for it, since
# LibreOffice takes seconds per document. Each flow makes what is left before it returns
# (after its last step no form follows to make them while it waits). Not a decorator on the
# flows: Prefect resolves a flow's annotations in its function's module.
_att_publicera: dict[str, None] = {}


def publicera_senare(dnr: str) -> None:
    _att_publicera[dnr] = None


def publicera_vantande() -> None:
    """The PDFs and artifacts put off until now. publicera is safe to repeat, so a process
    that dies first leaves nothing wrong: the replay, or the ärende's next publication, makes
    them."""
    while _att_publicera:
        dnr = next(iter(_att_publicera))
        publicera(dnr)
        _att_publicera.pop(dnr, None)


@task(name="publicera handlingar", cache_policy=NO_CACHE)
def publicera(dnr: str) -> list[Handling]:
    """Make the PDF of every registered version that lacks one, and show each version on
    this run once. Safe to repeat: a replay finds the PDFs made and the artifacts shown."""
    system = starta()
    logg = get_run_logger()
    visade = []
    for handling in handlingar.handlingar(system.uow(), dnr):
        if handling.gallring is not None:
            continue  # gallrad: its files are gone, nothing to render or show
        if handling.riktning is Riktning.INKOMMANDE or not handling.fil.endswith(".docx"):
            # What came in is kept as it came (a PDF, an e-mail, a scan), and the masked copy
            # of one is a PDF already: no PDF rendition and no Word text of it; a link to the
            # file is all the run shows.
            nyckel = artefaktnyckel(dnr, handling)
            if not redan_visad(nyckel):
                slag = "inkommen" if handling.riktning is Riktning.INKOMMANDE else "PDF"
                rubrik = f"{handling.titel} ({dnr}, {handling.beteckning}, {slag})"
                create_link_artifact(
                    key=nyckel,
                    link=filadress(system, handling.fil),
                    link_text=rubrik,
                    description=f"{rubrik}, från {handling.motpart}, sha256 {handling.sha256}",
                )
                visade.append(handling)
            continue
        if handling.pdf_fil is None:
            try:
                handling = handlingar.gor_pdf(
                    system.uow(),
                    system.arkiv,
                    system.pdf,
                    dnr,
                    handling,
                    aktor="arende (PDF)",
                    flodeskorning=str(runtime.flow_run.id),
                )
            except ArendeFel as fel:
                logg.warning("%s: %s", handling.beteckning, fel.meddelande)
        nyckel = artefaktnyckel(dnr, handling)
        if redan_visad(nyckel):
            continue
        word = filadress(system, handling.fil)
        pdf = filadress(system, handling.pdf_fil) if handling.pdf_fil else None
        rubrik = f"{handling.titel} ({dnr}, {handling.beteckning})"
        create_link_artifact(key=nyckel, link=word, link_text=f"{rubrik}, Word", description=rubrik)
        lankar = f"[Word]({word})" + (f" · [PDF]({pdf})" if pdf else " · PDF saknas")
        text = system.dokument.mallar.som_markdown(system.arkiv.las(handling.fil))
        create_markdown_artifact(
            key=f"{nyckel}-text",
            markdown=(
                f"# {rubrik}\n\n{lankar}  \nsha256 `{handling.sha256}`, registrerad "
                f"{handling.datum}, upprättad av {handling.upprattad_av}"
                f"{', låst' if handling.last else ''}.\n\n---\n\n{text}"
            ),
            description=rubrik,
        )
        logg.info("Registrerad handling: %s, %s", rubrik, word)
        visade.append(handling)
    return visade
