"""A sent reminder, visible in Prefect's UI: the scheduler process starts one run of the
`paminnelse` deployment per reminder it sent (over Prefect's REST API), and the run shows
what was sent to whom about which frist, with the ärende's current frister, as an artifact.
The reminder itself was already sent and recorded; this run only shows it."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from arende.bootstrap import starta
from arende.domain.datum import svenskt_datum
from arende.domain.paminnelser import ESKALERING
from arende.service_layer.frister import frister_for, frister_som_markdown
from arende.service_layer.paminnelser import visa_paminnelse

PAMINNELSE_BESKRIVNING = (
    "Visar en påminnelse om en frist som schemaläggaren har skickat med e-post: till vem, "
    "om vilken frist och vilka frister ärendet har nu. Körningarna startas av schemaläggaren; "
    "att starta en själv visar bara en redan skickad påminnelse igen."
)


def _namn() -> str:
    parametrar = flow_run.parameters or {}
    return f"påminnelse-{parametrar.get('paminnelse_id', '?')}"


@flow(name="paminnelse", flow_run_name=_namn, log_prints=True)
def paminnelse(paminnelse_id: int) -> str:
    """En skickad påminnelse om en frist, med ärendets frister.

    Args:
        paminnelse_id: Påminnelsens nummer (tabellen paminnelse).
    """
    system = starta()
    post = visa_paminnelse(system.uow(), paminnelse_id)
    frister = [f.frist for f in frister_for(system.uow(), post.dnr)]
    nar = (
        "eskalering efter fristen"
        if post.ledtid == ESKALERING
        else f"{post.ledtid} vardagar före fristen"
    )
    text = (
        f"# {post.amne}\n\n"
        f"- Ärende: {post.dnr}\n"
        f"- Frist: {post.fristtyp}, {svenskt_datum(post.fristdatum)} ({nar})\n"
        f"- Till: {', '.join(post.till)}"
        + (f"; kopia: {', '.join(post.kopia)}" if post.kopia else "")
        + f"\n- Skickad: {post.skickad:%Y-%m-%d %H:%M} UTC\n\n"
        + frister_som_markdown(post.dnr, frister)
    )
    create_markdown_artifact(
        key=f"paminnelse-{post.id}",
        markdown=text,
        description=f"Påminnelse i {post.dnr}",
    )
    get_run_logger().info("%s (till %s)", post.amne, ", ".join(post.till))
    return text
