"""arende: arbetsflöden för kommunala nämnders ärenden."""
