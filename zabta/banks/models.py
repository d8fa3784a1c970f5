"""Hash banks and their entries: fingerprints of media the department removed, approved or owns."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bank(models.Model):
    """A named list of media fingerprints with its own match thresholds."""

    class Kind(models.TextChoices):
        REMOVED = "removed", _("Removed (ordered down)")
        APPROVED = "approved", _("Approved for an official account")
        REFERENCE = "reference", _("Department reference media")

    name = models.SlugField(_("name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    pdq_threshold = models.PositiveSmallIntegerField(_("PDQ distance threshold"), default=31)
    video_query_percent = models.FloatField(_("share of the query video's seconds that must match"), default=80.0)
    video_target_percent = models.FloatField(_("share of the banked video's seconds that must match"), default=0.0)
    revision = models.PositiveIntegerField(_("revision"), default=0, help_text=_("Bumped on every change."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects: models.Manager[Bank]

    class Meta:
        verbose_name = _("hash bank")
        verbose_name_plural = _("hash banks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BankEntry(models.Model):
    """The fingerprints of one media item in one bank, with what is known about it."""

    class MediaKind(models.TextChoices):
        IMAGE = "image", _("Image")
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")

    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="entries", verbose_name=_("bank"))
    media_kind = models.CharField(_("media kind"), max_length=10, choices=MediaKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    pdq = models.CharField(_("PDQ (hex)"), max_length=64, blank=True)
    pdq_quality = models.PositiveSmallIntegerField(_("PDQ quality"), default=0)
    vpdq = models.JSONField(
        _("video fingerprint"),
        default=list,
        blank=True,
        help_text=_("[second, PDQ hex, quality, crop variant] per hash."),
    )
    duration_s = models.FloatField(_("duration (s)"), default=0.0)
    account = models.CharField(
        _("official account"), max_length=200, blank=True, help_text=_("platform:handle, for approved media.")
    )
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    case_ref = models.CharField(_("case reference"), max_length=100, blank=True)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    active = models.BooleanField(_("active"), default=True)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    added_by = models.CharField(_("added by"), max_length=200, blank=True)
    removed_at = models.DateTimeField(_("removed from the bank"), null=True, blank=True)

    objects: models.Manager[BankEntry]

    class Meta:
        verbose_name = _("bank entry")
        verbose_name_plural = _("bank entries")
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "sha256"], condition=~models.Q(sha256=""), name="bank_entry_unique_sha256"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bank.name}#{self.pk} {self.label}".strip()

    def is_valid_at(self, when: datetime) -> bool:
        """Within its validity window (open ends are unbounded)."""
        if self.valid_from is not None and when < self.valid_from:
            return False
        return self.valid_until is None or when <= self.valid_until
