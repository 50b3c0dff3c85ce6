"""The steps of a nomination ärende as the audit log names them, in their order."""

HELA_VAGEN = [
    "registrera ärendet",
    "påbörja beredning",
    "registrera samverkan",
    "fastställa förslaget till beslut",
    "sätta ärendet på dagordningen",
    "registrera nämndens beslut",
    "registrera justeringen",
    "registrera anslaget",
    "expediera beslutet",
    "avsluta ärendet",
]
