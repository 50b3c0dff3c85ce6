"""The steps of a nomination ärende as the audit log names them, in their order.

HELA_VAGEN is the one way the engine takes it, every step a command through the runner: the
ärende's own run registers it and takes it through samverkan to the fastställt förslag, with
its tjänsteutlåtande; the nämnd's sammanträde (the Kalla, Oppna, Besluta … commands) puts it
on the dagordning, decides it with the next § and, as seed 000 asks, justerar that § at the
meeting, with its protokollsutdrag; the omedelbar justering is anslagen with its anslag
document; the expediering run sends the protokollsutdrag and closes the ärende. The kallelse
and the protokoll are the sammanträde's documents, not the ärende's.

The runner recomputes the ärende's frister in the same transaction as each step and logs
"uppdatera frister" between the steps whenever they change; a PDF made afterwards is logged
as "registrera PDF". `utforda` leaves those out and gives the steps carried out, to compare
with HELA_VAGEN. (The nomination's reaction to its bifall, "öppna tävlingsbidragen", is
logged by the system too; for seed 000 it is refused, as there is no question set for 2008,
so it is not among the steps carried out.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

HELA_VAGEN = [
    "registrera ärendet",
    "påbörja beredning",
    "registrera samverkan",
    "fastställa förslaget till beslut",
    "registrera handling",  # the tjänsteutlåtande
    "sätta ärendet på dagordningen",
    "registrera nämndens beslut",
    "registrera justeringen",  # omedelbart justerad at the meeting
    "registrera handling",  # the protokollsutdrag
    "registrera anslaget",
    "registrera handling",  # the anslag
    "expediera beslutet",
    "avsluta ärendet",
]

# What the system logs by itself between a person's steps.
SYSTEMETS = ("uppdatera frister", "registrera PDF")


def utforda(handelser: Iterable[Any]) -> list[str]:
    """The steps carried out (not refused) in an ärende's history, the system's own left out."""
    return [
        e.handling
        for e in handelser
        if e.innehall.get("utfall") == "utförd" and e.handling not in SYSTEMETS
    ]
