"""The steps of a nomination ärende as the audit log names them, in their order.

HELA_VAGEN is the way the engine takes it now: the ärende's own run (arende/nominering)
registers it and takes it through samverkan to the fastställt förslag, with its
tjänsteutlåtande; the nämnd's sammanträde (flows/sammantrade.py, service_layer/sammantraden)
puts it on the dagordning, decides it with the next § and, as seed 000 asks, justerar that §
at the meeting, with its protokollsutdrag; the omedelbar justering is anslagen with its
anslag document; the expediering run sends the protokollsutdrag and closes the ärende. The
kallelse and the protokoll are the sammanträde's documents, not the ärende's.

HELA_VAGEN_STEG_FOR_STEG is the same ärende taken one step at a time through the per-ärende
handlers (satt_pa_dagordning, registrera_beslut, registrera_justering, registrera_anslag),
which the service-level tests still use: there the kallelse is the ärende's own document."""

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

HELA_VAGEN_STEG_FOR_STEG = [
    "registrera ärendet",
    "påbörja beredning",
    "registrera samverkan",
    "fastställa förslaget till beslut",
    "registrera handling",
    "sätta ärendet på dagordningen",
    "registrera handling",
    "registrera nämndens beslut",
    "registrera justeringen",
    "registrera handling",
    "registrera anslaget",
    "registrera handling",
    "expediera beslutet",
    "avsluta ärendet",
]
