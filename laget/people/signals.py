"""Signals the people app sends, so other apps can act on them without the register knowing
about them."""

from django.dispatch import Signal

#: A new employment was registered (by hand or by a roster import).
#: Arguments: employment, actor.
employee_hired = Signal()
