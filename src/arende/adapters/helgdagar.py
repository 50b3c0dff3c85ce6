"""Swedish fridagar from the `holidays` package, as the domain's Helgdagskalender.

Why the arguments are spelled out: `holidays` has moved the Swedish eves between
categories over its releases. In 0.109 midsommarafton, julafton and nyårsafton are
DE_FACTO (not PUBLIC), so asking for the default categories silently drops them and a
deadline on julafton would not move. Sundays are left out unless `include_sundays=True`;
we say False so that a changed default cannot turn every Sunday into a named "Söndag".
Tests in tests/integration/test_helgdagar.py pin the dates this relies on.
"""

from __future__ import annotations

from datetime import date

import holidays

from arende.domain.datum import kontrollera_datum, svenskt_datum
from arende.domain.fel import OgiltigUppgift

# Sweden's module starts with lag 1952:48 and returns no holidays at all before it.
FORSTA_AR = 1953

_SONDAG = "Söndag"


class SvenskaHelgdagar:
    """Allmänna helgdagar (lag 1989:253) plus the three eves 1930:173 2 § adds, in Swedish.

    One lookup per year is built on first use and kept, since deadlines are computed often
    and the calendar of a past or coming year does not change while the process runs.
    """

    def __init__(self) -> None:
        self._per_ar: dict[int, dict[date, str]] = {}

    def ar_fridag(self, dag: date) -> bool:
        self._kontrollera(dag)
        return dag.weekday() >= 5 or dag in self._helgdagar(dag.year)

    def namn(self, dag: date) -> str | None:
        """The day's name, e.g. "Julafton"; two that coincide are joined with "; " as
        `holidays` does ("Första maj; Kristi himmelsfärdsdag" in 2008)."""
        self._kontrollera(dag)
        return self._helgdagar(dag.year).get(dag)

    def _kontrollera(self, dag: date) -> None:
        """Every question starts here, before anything can answer it: a Saturday of 1950 is
        refused like any other day of 1950, not answered "fridag" just because it is a
        Saturday. The calendar knows no rules before FORSTA_AR, for weekends neither."""
        # A datetime, a text or None is refused (arende.domain.datum.kontrollera_datum): a
        # datetime never equals the holiday's date, so julafton would pass as a vardag.
        kontrollera_datum(dag)
        if dag.year < FORSTA_AR:
            raise OgiltigUppgift(
                f"Helgdagskalendern gäller från år {FORSTA_AR}; den {svenskt_datum(dag)} kan "
                "inte räknas."
            )

    def _helgdagar(self, ar: int) -> dict[date, str]:
        if ar not in self._per_ar:
            kalender = holidays.country_holidays(
                "SE",
                years=ar,
                categories=(holidays.PUBLIC, holidays.DE_FACTO),
                language="sv",
                include_sundays=False,
            )
            self._per_ar[ar] = {
                dag: namn
                for dag, namn in ((d, _utan_sondag(n)) for d, n in kalender.items())
                if namn
            }
        return self._per_ar[ar]


def _utan_sondag(namn: str) -> str:
    """Drop a bare "Söndag" entry: a plain Sunday is a fridag but has no name of its own."""
    return "; ".join(del_ for del_ in namn.split("; ") if del_ != _SONDAG)
