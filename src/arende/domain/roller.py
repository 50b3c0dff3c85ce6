"""The roles a person can hold in a nämnd's organisation."""

from enum import StrEnum


class Roll(StrEnum):
    HANDLAGGARE = "handläggare"
    CHEF = "chef"
    NAMNDSEKRETERARE = "nämndsekreterare"
    REGISTRATOR = "registrator"
