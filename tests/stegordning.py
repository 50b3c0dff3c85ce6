"""The steps of a nomination ärende as the audit log names them, in their order.

Four steps draw up a document in the same transaction, logged right after the step:
the tjänsteutlåtande, the kallelse, the protokollsutdrag and the anslag."""

HELA_VAGEN = [
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
