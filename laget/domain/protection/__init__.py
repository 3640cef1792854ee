"""Protection of a published view as a whole: primary and secondary suppression, and the audit
that attacks it.

A figure that rests on fewer than five persons must not leave a service, and must not be
workable out from anything else published about the same people at the same date: totals,
another table of the same people, a share whose denominator is shown, a chart drawn from a
table. So protection is a property of the view, not of a cell. A `View` holds its cells (value
and the persons each rests on) and the relations between them (a total is the sum of its parts;
a share is its numerator over its denominator, published rounded). `protect` hides every cell
under the threshold (see `sensitive` for zeros), then hides further cells until the attacker's
best effort can only place each hidden count in an interval at least `min_n` wide, so nobody
can tell whether it is below the threshold. `pattern` finds, per small cell, the cheapest
other table that agrees with everything published and moves it by `min_n` (one linear
programme, in the manner of Fischetti and Salazar and of tau-Argus): the shown cells it moves
are hidden, and the table is the proof. `audit` is the attack itself — two linear programmes
per hidden cell, as tau-Argus's audit — used by the tests and where no such table exists.

Pure Python with numpy and HiGHS (highspy); no Django. `view` holds the data, `audit` the
attack, `pattern` and `protect` the suppression. The pages, charts, exports and reports describe
what they publish as a `View`, protect it once, and render only what it lets through.
"""

from laget.domain.protection.audit import Interval, audit, narrowest
from laget.domain.protection.ledger import Combined, Ledger, combined, recording
from laget.domain.protection.pattern import Moves
from laget.domain.protection.protect import (
    MIN_N,
    Around,
    Protected,
    around,
    as_before,
    protect,
    sensitive,
    still_certified,
)
from laget.domain.protection.view import AtMost, Cell, Share, Sum, View

#: The protection's version, stored with every release: raise it when the same view would be
#: protected differently (another threshold, another search, other relations known to readers).
VERSION = "5"  # 5: two tables down and up where cheaper (`partners._split`)

__all__ = [
    "MIN_N",
    "VERSION",
    "Around",
    "AtMost",
    "Cell",
    "Combined",
    "Interval",
    "Ledger",
    "Moves",
    "Protected",
    "Share",
    "Sum",
    "View",
    "around",
    "as_before",
    "audit",
    "combined",
    "narrowest",
    "protect",
    "recording",
    "sensitive",
    "still_certified",
]
