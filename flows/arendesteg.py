"""The steps every flow takes, whatever its type: one task that takes a command through the
system's one runner, and the texts a waiting form shows (what is decided, on which ärende,
the documents to read and the frister)."""

from __future__ import annotations

from dataclasses import replace

from prefect import runtime, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client

from arende.bootstrap import Arendesystem, starta
from arende.domain.arende import Arende
from arende.domain.handelser import Handelse, HandlingUpprattad
from arende.service_layer import frister, handlingar, visningar
from arende.service_layer.kommandon import Kommando
from flows.handlingar import filadress, publicera_senare


def system() -> Arendesystem:
    return starta()


def korning() -> str:
    return str(runtime.flow_run.id)


@task(name="utför steg", cache_policy=NO_CACHE)
def utfor(kommando: Kommando) -> list[Handelse]:
    """Take the command (from this flow run) through the runner. The documents it drew up
    get their PDF and are shown on the run once the next form is up (flows/handlingar.py)."""
    handelser = system().utfor(replace(kommando, flodeskorning=korning()))
    for dnr in dict.fromkeys(str(h.dnr) for h in handelser if isinstance(h, HandlingUpprattad)):
        publicera_senare(dnr)
    return handelser


def hamta(dnr: str) -> Arende:
    return visningar.hamta_arende(system().uow(), dnr)


def markera(arende: Arende, del_: str = "") -> None:
    """Name the run like a diarium line (and what part of the ärende it is, for the runs
    after the beredning) and tag it by nämnd and stage, so the runs list can be filtered to
    one nämnd or to everything waiting for, say, expediering. The run's other tags (the
    ones it was started with) stay."""
    with get_client(sync_client=True) as klient:
        egna = [
            t
            for t in klient.read_flow_run(runtime.flow_run.id).tags
            if not t.startswith(("nämnd:", "skede:"))
        ]
        klient.update_flow_run(
            runtime.flow_run.id,
            name=f"{arende.dnr} {arende.titel}" + (f" – {del_}" if del_ else ""),
            tags=sorted(
                {*egna, f"nämnd:{arende.namnd}", f"skede:{arende.skede}", arende.arendetyp}
            ),
        )


def rubrik(arende: Arende, fraga_text: str) -> str:
    """What is being decided and on which ärende, with the documents to read first."""
    return (
        f"## {fraga_text}\n\n**Ärende:** {arende.dnr} – {arende.titel}  \n"
        f"**Nämnd:** {arende.namnd}  \n**Handläggare:** {arende.handlaggare}  \n"
        f"**Skede:** {arende.skede}\n\n{_att_lasa(str(arende.dnr))}{_frister(str(arende.dnr))}"
    )


def _frister(dnr: str) -> str:
    lagrade = frister.frister_for(system().uow(), dnr)
    return frister.frister_som_markdown(dnr, [f.frist for f in lagrade]) + "\n" if lagrade else ""


def _att_lasa(dnr: str) -> str:
    arendesystem = system()
    rader = []
    for h in handlingar.handlingar(arendesystem.uow(), dnr):
        if h.gallring is not None:  # its files are gone; the register row remains
            rader.append(
                f"- {h.titel}, version {h.version} ({h.datum}): {h.gallring.offentlig_text}"
            )
            continue
        slag = "Word" if h.fil.endswith(".docx") else h.fil.rsplit(".", 1)[-1].upper()
        lankar = f"[{slag}]({filadress(arendesystem, h.fil)})"
        if h.pdf_fil:
            lankar += f" · [PDF]({filadress(arendesystem, h.pdf_fil)})"
        rader.append(f"- {h.titel}, version {h.version} ({h.datum}): {lankar}")
    return "**Handlingar att läsa:**\n\n" + "\n".join(rader) + "\n\n" if rader else ""


def fortsatt(dnr: str, del_: str = "") -> Arende:
    arende = hamta(dnr)
    markera(arende, del_)
    return arende
