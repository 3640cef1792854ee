"""The status figures of every service and group in the forms a page shows them
(`laget.domain.competence.recoding`), protected as one view with what readers were given
before and what each form's label tells them."""

from __future__ import annotations

from collections import Counter

from laget.competence.publication.keys import (
    BAND_HIGH,
    BAND_LOW,
    COVERED,
    EDUCATION_IN_PLACE,
    EDUCATION_MISSING,
    FORM_LEAST,
    FORM_MOST,
    SHARE_DECIMALS,
    STATUS_METRICS,
    status,
    unit_of,
)
from laget.domain.competence import recoding
from laget.domain.protection import (
    AtMost,
    Protected,
    Sum,
    View,
    as_before,
    protect,
    still_certified,
)


def status_view(
    view: View, unit: str, counts: Counter[str], held: str | None = None
) -> recoding.Form:
    """A unit's status figures, in every form a page can show them (`recoding`): the six
    statuses, their merged categories and the band of «oppfyller eller vil oppfylle». The
    unit's form (no finer than the one `held` since 1 December) decides which are published
    (`recoded_away`); the rest are unpublished cells a reader may try to work out. Returns
    the form."""
    for metric in STATUS_METRICS:
        view.add(f"{unit}|{metric}", counts[metric])
    u = f"{unit}|"
    view.total(u + "staff", [u + "subject", u + "not_subject"])
    # statuses and education are each person's: none may hold everyone (group disclosure)
    view.total(u + "subject", [u + status(s) for s in COVERED], attribute=True)
    view.total(u + "subject", [u + EDUCATION_IN_PLACE, u + EDUCATION_MISSING], attribute=True)
    for s in COVERED:
        view.share(u + status(s) + ".share", u + status(s), u + "subject", SHARE_DECIMALS)
    view.share(
        u + EDUCATION_IN_PLACE + ".share", u + EDUCATION_IN_PLACE, u + "subject", SHARE_DECIMALS
    )
    for category in recoding.MERGED:
        view.add(u + category.key, sum(counts[status(s)] for s in category.statuses))
        view.total(u + category.key, [u + status(s) for s in category.statuses])
        view.share(u + category.key + ".share", u + category.key, u + "subject", SHARE_DECIMALS)
    on_track, rest = recoding.ON_TRACK_GROUP.key, recoding.REST_GROUP.key
    view.total(u + "subject", [u + on_track, u + rest], attribute=True)
    view.total(u + rest, [u + recoding.CANNOT_OR_AT_RISK.key, u + recoding.CHECK_OR_EXEMPT.key])
    form = recoding.form_for(counts["subject"], held)
    if form.band:
        value = int(view.cells[u + on_track].value)
        found = recoding.band(value, counts["subject"], form.band)
        # the band's ends are no figures about anyone: what the printed share range tells a
        # reader who knows the covered staff (one who does not knows less)
        view.constant(u + BAND_LOW, found.low)
        view.constant(u + BAND_HIGH, found.high)
        if found.low > 0:
            view.at_most([u + BAND_LOW], [u + on_track])
        if found.high < counts["subject"]:
            view.at_most([u + on_track], [u + BAND_HIGH])
    return form


def _limits(
    view: View, protected: Protected, forms: dict[str, recoding.Form], held: dict[str, str]
) -> set[str]:
    """What each unit's form tells a reader of its covered staff where they are hidden («to
    grupper»: 24 to 49; a form held since 1 December only its least, `recoding.says_most`),
    added to `view` as constants the first time; where they are shown, the figure says more.
    Returns the constants added (none: nothing new)."""
    added: set[str] = set()
    for unit, form in forms.items():
        u = f"{unit}|"
        if u + "subject" not in protected.hidden or u + FORM_LEAST in view.cells:
            continue
        index = recoding.FORMS.index(form)
        view.constant(u + FORM_LEAST, form.least)
        added.add(u + FORM_LEAST)
        if form.least > 0:
            view.at_most([u + FORM_LEAST], [u + "subject"])
        if recoding.says_most(form, held.get(unit)):
            view.constant(u + FORM_MOST, recoding.FORMS[index - 1].least - 1)
            view.at_most([u + "subject"], [u + FORM_MOST])
            added.add(u + FORM_MOST)
    return added


def shows_status_tables(form: recoding.Form | None) -> bool:
    """Whether a service's statuses by role and by path, and its timeline, are published:
    only where its form shows at least the two groups (24 or more covered). For fewer, they
    would be finer than the form: the timeline at the deadline is the number who meet or will
    meet the requirement, which the half it lies in is chosen not to tell."""
    return form is not None and recoding.ON_TRACK_GROUP in form.categories


def recoded_away(view: View, unit: str, form: recoding.Form) -> set[str]:
    """The status cells of `unit` its form does not publish (a service of 20 covered shows
    the band, not the statuses): unpublished, as the statuses' shares."""
    u = f"{unit}|"
    shown = {u + category.key for category in form.categories}
    every = [u + status(s) for s in COVERED] + [u + c.key for c in recoding.MERGED]
    return {k for key in every if key not in shown for k in (key, key + ".share")}


def fixed_by_form(unit: str, form: recoding.Form) -> set[str]:
    """What a unit's form keeps shown whatever the protection needs: the band's ends."""
    u = f"{unit}|"
    return {u + BAND_LOW, u + BAND_HIGH} if form.band else set()


def protect_as_before(
    view: View,
    previous: Protected | None,
    *,
    fixed: set[str],
    unpublished: set[str],
    scope: str,
    groups: set[str],
    forms: dict[str, recoding.Form],
    held: dict[str, str] | None = None,
) -> Protected:
    """Protect the status figures with what readers were given before for the same date
    (`as_before`): a figure that did not change keeps its state, so a change to one service
    does not let a reader compare the two versions and learn what a hidden figure held. When
    no protection can keep a shown figure shown (the change made it the partner a small one
    needs), it may be hidden; a hidden one that did not change is never shown.

    `previous`: the status figures as readers were given them. `fixed`: what the units' forms
    keep shown (`fixed_by_form`): the bands (the covered staff need not be shown beside them:
    a reader without them knows less). Bands of nested units narrow each other (a county's
    band less its banded service's leaves the rest little room): where no protection keeps
    them all, the groups' bands are hidden (their figures are mostly shown exact), then every
    band. `held`: each unit's form on 1 December, where it is kept (`recoding.form_for`)."""
    befores: list[tuple[set[str], set[str]]] = [(set(), set())]
    if isinstance(previous, Protected):
        given, shown = as_before(previous, view)
        # hidden before stays hidden (shown now, it would tell what it held); shown before
        # stays shown where the protection allows it, and where this date's form shows it
        befores = [(given, shown - unpublished), (given, set())]
    banded = {unit_of(k) for k in fixed if k.endswith("|" + BAND_LOW)}
    # the groups' bands given up first, then every band
    for without in (set(), banded & groups, banded):
        for given, shown in befores:
            dropped = {u + "|" + end for u in without for end in (BAND_LOW, BAND_HIGH)}
            dropped |= {k for k in fixed if k in given}  # a band readers were given hidden
            kept = fixed - dropped
            try:
                return _protect_with_limits(
                    view,
                    forms,
                    held or {},
                    given=given | dropped,
                    frozen=(shown | kept) - given - dropped,
                    unpublished=unpublished,
                    scope=scope,
                )
            except ValueError:
                continue
    raise ValueError("no protection of the status figures keeps what readers were given")


def _protect_with_limits(
    view: View,
    forms: dict[str, recoding.Form],
    held: dict[str, str],
    *,
    given: set[str],
    frozen: set[str],
    **options,
) -> Protected:
    """Protect, then state each form's limits where the covered staff came out hidden
    (`_limits`) and protect again around what was hidden, until no limit is new: a hidden
    covered count's form tells a reader its range, and only then is that news."""
    # the limits stated in an attempt before this one stay stated: a form's label is printed
    frozen = frozen | {k for k in view.constants if k.endswith(("|" + FORM_LEAST, "|" + FORM_MOST))}
    protected = protect(view, given=given, frozen=frozen, **options)
    while True:
        known: set[Sum | AtMost] = {*view.sums, *view.bounds}
        added = _limits(view, protected, forms, held)
        if not added:
            return protected
        protected = protect(
            view,
            given=given | (protected.hidden - protected.unpublished),
            frozen=frozen | added,
            certified=still_certified(protected.certificates, view, known),
            **options,
        )
