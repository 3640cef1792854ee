"""Figures computed once, stored as dated counts, read many times (the shape of Zulip's
analytics counts: property, subgroup, end time, value).

- `ServiceCount`: one count of one service on one date, with the persons it rests on and the
  rule set it was counted by. Numerators and denominators are separate rows, never shares
  (shares cannot be summed); a county's, a network's and the nation's figures are sums of
  their services' rows. These rows are all that leaves a service: what users outside it see
  is protected from them (`laget.domain.protection`), and a municipality running its own
  Laget can later send them to a national one.
- `FillState`: how far each property has been filled, from which register revision, and
  whether a fill is under way.
- `StoredPublication`: the protected figures built from the counts of one date, kept so that
  pages for municipal, county and national users read them instead of evaluating the nation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCount(models.Model):
    service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.CASCADE,
        related_name="counts",
        verbose_name=_("tjeneste"),
    )
    property = models.CharField(_("tall"), max_length=40)
    subgroup = models.CharField(_("undergruppe"), max_length=100)
    end_time = models.DateField(_("per dato"))
    value = models.BigIntegerField(_("verdi"))
    persons = models.PositiveIntegerField(_("personer bak tallet"))
    rule_set = models.CharField(_("regelsett"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("lagret tall")
        verbose_name_plural = _("lagrede tall")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "property", "subgroup", "end_time"],
                name="counts_one_value_per_service_figure_and_date",
            )
        ]
        indexes = [models.Index(fields=["property", "end_time"], name="counts_by_property_date")]

    def __str__(self) -> str:
        return f"{self.property}.{self.subgroup} {self.end_time}: {self.value}"


class FillState(models.Model):
    class State(models.TextChoices):
        STARTED = "started", _("Fylles")
        DONE = "done", _("Ferdig")

    property = models.CharField(_("tall"), max_length=40)
    end_time = models.DateField(_("fylt per dato"))
    revision = models.PositiveBigIntegerField(_("registerrevisjon"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices)
    seconds = models.FloatField(_("sekunder"), default=0)
    last_modified = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("fyllestatus")
        verbose_name_plural = _("fyllestatus")
        constraints = [
            models.UniqueConstraint(
                fields=["property", "end_time"], name="counts_one_fill_state_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.property}: {self.end_time} r{self.revision} {self.state}"


class StoredPublication(models.Model):
    name = models.CharField(_("navn"), max_length=40)
    end_time = models.DateField(_("per dato"))
    revision = models.PositiveBigIntegerField(_("registerrevisjon"))
    built_at = models.DateTimeField(_("laget"))
    seconds = models.FloatField(_("sekunder"))
    data = models.BinaryField(_("data"))
    #: what a publication about a set of services is built from, so the refresh can build it
    #: again: {"services": [ids], "per_service": bool}
    key = models.JSONField(_("nøkkel"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lagret publisering")
        verbose_name_plural = _("lagrede publiseringer")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "end_time"], name="counts_one_publication_per_name_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.end_time} r{self.revision}"


class PublishedFigure(models.Model):
    """A figure as it was published on a date, after protection (a hidden one without its
    value): the county's and the nation's time series read these. The last date of each
    month is kept, and the latest."""

    name = models.CharField(_("navn"), max_length=40)
    end_time = models.DateField(_("per dato"))
    unit = models.CharField(_("enhet"), max_length=40)
    metric = models.CharField(_("tall"), max_length=60)
    value = models.FloatField(_("verdi"), null=True)
    persons = models.PositiveIntegerField(_("personer bak tallet"))
    hidden = models.BooleanField(_("skjult"))

    class Meta:
        verbose_name = _("publisert tall")
        verbose_name_plural = _("publiserte tall")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "end_time", "unit", "metric"],
                name="counts_one_published_figure_per_date",
            )
        ]
        indexes = [models.Index(fields=["name", "unit"], name="counts_published_by_unit")]

    def __str__(self) -> str:
        return f"{self.name} {self.unit} {self.metric} {self.end_time}"


class WantedPublication(models.Model):
    """A publication a page or report asked for that the worker has not built (a date other
    than the ones it keeps current, a set of services nobody opened before): the worker's
    next pass builds it, and the page says «ikke beregnet ennå» until then."""

    name = models.CharField(_("navn"), max_length=40)
    end_time = models.DateField(_("per dato"))
    key = models.JSONField(_("nøkkel"), default=dict, blank=True)
    asked_at = models.DateTimeField(_("spurt"), auto_now_add=True)

    class Meta:
        verbose_name = _("ønsket publisering")
        verbose_name_plural = _("ønskede publiseringer")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "end_time"], name="counts_one_wish_per_name_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.end_time}"


class WorkerLock(models.Model):
    """One row: the worker refreshing the stored figures now («host:pid»), and when it last
    said so. Taken by an UPDATE … WHERE free, which both SQLite and PostgreSQL make atomic; a
    holder silent for longer than `STALE_SECONDS` is taken to have died."""

    STALE_SECONDS = 15 * 60

    holder = models.CharField(_("holdes av"), max_length=120, blank=True)
    heartbeat = models.DateTimeField(_("sist i live"), null=True, blank=True)

    class Meta:
        verbose_name = _("oppfriskingslås")
        verbose_name_plural = _("oppfriskingslås")

    def __str__(self) -> str:
        return self.holder or "ledig"


class Release(models.Model):
    """What left the services for a date, as data: every cell a reader outside them got (a
    hidden one without its value), the relations between them, and what it was made by. Read
    by `laget publication show` and the audit without the code that built it. Stored by the
    worker for each release date (the last day of a month and 1 December) and by `laget
    publication release`."""

    end_time = models.DateField(_("per dato"), unique=True)
    revision = models.PositiveBigIntegerField(_("registerrevisjon"))
    built_at = models.DateTimeField(_("beregnet"))
    stored_at = models.DateTimeField(_("lagret"))
    rule_set = models.CharField(_("regelsett"), max_length=40, blank=True)
    protection = models.CharField(_("beskyttelsens versjon"), max_length=20)
    min_n = models.PositiveSmallIntegerField(_("minste antall personer"))

    class Meta:
        verbose_name = _("utgivelse")
        verbose_name_plural = _("utgivelser")

    def __str__(self) -> str:
        return f"{self.end_time} r{self.revision}"


class ReleaseCell(models.Model):
    """One published cell: a figure (its value and the persons it rests on, or hidden and
    why), or what the publication names (a date, a service, a rule set)."""

    class Why(models.TextChoices):
        SHOWN = "", _("vist")
        SMALL = "small", _("skjult: bygger på færre enn 5 personer")
        SECONDARY = "secondary", _("skjult: ville avsløre et skjult tall")
        HIDDEN = "hidden", _("skjult")
        NOT_COMPUTED = "not-computed", _("ikke beregnet ennå")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="cells")
    publication = models.CharField(_("publisering"), max_length=40)
    path = models.CharField(_("sti"), max_length=300)
    value = models.JSONField(_("verdi"), null=True)
    persons = models.PositiveIntegerField(_("personer bak tallet"), null=True)
    why = models.CharField(_("skjult fordi"), max_length=20, choices=Why.choices, blank=True)

    class Meta:
        verbose_name = _("utgitt celle")
        verbose_name_plural = _("utgitte celler")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "publication", "path"], name="counts_one_cell_per_path"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication}{self.path}"


class ReleaseRelation(models.Model):
    """A relation between published cells that a reader knows: a total and its parts, a
    share and its numerator and denominator (with the decimals it is published with), or an
    inequality (`operands`: {"smaller": [...], "larger": [...]}, no result)."""

    class Kind(models.TextChoices):
        SUM = "sum", _("sum")
        SHARE = "share", _("andel")
        AT_MOST = "at_most", _("ulikhet")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="relations")
    publication = models.CharField(_("publisering"), max_length=40)
    view = models.CharField(_("visning"), max_length=300)
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    result = models.CharField(_("resultat"), max_length=300)
    operands = models.JSONField(_("ledd"))
    decimals = models.PositiveSmallIntegerField(_("desimaler"), null=True)

    class Meta:
        verbose_name = _("utgitt sammenheng")
        verbose_name_plural = _("utgitte sammenhenger")

    def __str__(self) -> str:
        return f"{self.result} ({self.kind})"
