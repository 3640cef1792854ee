"""Uploaded files on their way into a service (a roster, a sick-leave file): the waiting list
keeps only what is still to be decided (issue 28, item 3). A newer upload, or an import,
supersedes the older ones that wait: they stay on record (who uploaded which file, when) with
their rows emptied, and no longer ask to be imported or discarded."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

#: what a page says of a superseded upload asked for (its file name as `file`)
SUPERSEDED_MESSAGE = _(
    "«%(file)s» er erstattet av en nyere opplasting eller import og kan ikke importeres. "
    "Last opp filen på nytt om den skal inn."
)


def supersede_older(upload: models.Model, **emptied: Any) -> int:
    """Mark every upload of the same kind for the same service that was made before `upload`
    and still waits as superseded, with `emptied` (its rows) cleared. Returns how many."""
    model = type(upload)
    state = model.State  # type: ignore[attr-defined]
    return model._default_manager.filter(
        service=upload.service,  # type: ignore[attr-defined]
        state=state.PENDING,
        pk__lt=upload.pk,
    ).update(state=state.SUPERSEDED, **emptied)
