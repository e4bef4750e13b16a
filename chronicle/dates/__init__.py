"""Stage: dates. EDTF text in, `Date` values and their words out.

Takes: a date as written in front matter or an import (`1958-11-28`, `1953-07~`, `-0043`,
`1985-04-12T23:20Z`), and a calendar name. Gives: `Date` (bounds, sort keys, the normal EDTF
text), errors that name the fix, and the date as readers of each site language see it.
Must never: read a file or know about entries, pages or output; `datetime.date` is not used
(it has no year zero and no BC years).

Modules: model (the Date value), calendars (day arithmetic, Julian), othercal (Hijri, Persian,
Hebrew, Juche, Minguo via convertdate/hijridate), edtf (parsing),
edtflevel2 (the error path's hints), display (English text), text (text per site language).
"""
from .display import display_date, display_range
from .edtf import parse_date, parse_interval
from .model import MONTHS, SEASONS, Date, DateError, days_in_month, edtf_text, year_label

__all__ = ["MONTHS", "SEASONS", "Date", "DateError", "days_in_month", "display_date", "display_range",
           "edtf_text", "parse_date", "parse_interval", "year_label"]
