"""Hand-written holiday calendars for domain tests (the real one is an adapter)."""

from datetime import date


class HandskrivenKalender:
    """Weekends plus the days listed, the way the Protocol asks."""

    def __init__(self, helgdagar: dict[date, str]) -> None:
        self.helgdagar = helgdagar

    def ar_fridag(self, dag: date) -> bool:
        return dag.weekday() >= 5 or dag in self.helgdagar

    def namn(self, dag: date) -> str | None:
        return self.helgdagar.get(dag)


# Weekends only: enough for the 2008 dates the lifecycle tests use (13 May + 14 days =
# Tuesday 27 May, no holiday).
BARA_HELGER = HandskrivenKalender({})
