"""Errors a person can cause. Their text is shown to that person, so it is Swedish."""


class ArendeFel(Exception):
    """A refused action: the message says in Swedish what was wrong; nothing was changed."""

    def __init__(self, meddelande: str) -> None:
        super().__init__(meddelande)
        self.meddelande = meddelande

    def __str__(self) -> str:
        return self.meddelande


class OtillatenOvergang(ArendeFel):
    """The ärende is not in a stage where the action is allowed."""


class OgiltigUppgift(ArendeFel):
    """A value given by a person is impossible (dates in the wrong order, empty lists, ...)."""


class BehorighetSaknas(ArendeFel):
    """The person lacks the role the action needs."""


class HittasInte(ArendeFel):
    """Something named by a person (a nämnd, a person, a dnr) does not exist."""


class SamtidigAndring(ArendeFel):
    """Someone else did the same thing at the same moment; retrying reads what they did."""


class TjanstSaknas(ArendeFel):
    """A program or service the system needs is missing or failed (LibreOffice, say)."""
