"""Captured files stored once by SHA-256, and the chain-of-custody log of every capture and access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceFile(models.Model):
    """One immutable file, named by the SHA-256 of its bytes; the bytes live in the evidence storage."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=120, blank=True)
    original_name = models.CharField(_("original name"), max_length=255, blank=True)
    stored_at = models.DateTimeField(_("stored at"), auto_now_add=True)
    purged_at = models.DateTimeField(_("purged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… ({self.original_name or self.content_type})"

    @property
    def storage_name(self) -> str:
        return f"{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}"


class CustodyAction(models.TextChoices):
    CAPTURED = "captured", _("Captured from the web")
    UPLOADED = "uploaded", _("Uploaded by an officer")
    VIEWED = "viewed", _("Viewed")
    EXPORTED = "exported", _("Exported in a bundle")
    PURGED = "purged", _("Purged after retention")


class CustodyEvent(models.Model):
    """Who did what with one evidence file, when, from where and with which tool. Append-only."""

    evidence = models.ForeignKey(EvidenceFile, on_delete=models.PROTECT, related_name="custody")
    item = models.ForeignKey("content.ContentItem", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="custody")  # fmt: skip
    action = models.CharField(_("action"), max_length=12, choices=CustodyAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")  # fmt: skip
    actor_label = models.CharField(_("actor"), max_length=200)
    at = models.DateTimeField(_("at"))
    source_url = models.URLField(_("source URL"), max_length=2000, blank=True)
    tool = models.CharField(_("tool"), max_length=60, blank=True)
    tool_version = models.CharField(_("tool version"), max_length=40, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    http_headers = models.JSONField(_("HTTP headers"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")

    def __str__(self) -> str:
        return f"{self.evidence} {self.action} {self.actor_label}"

    def to_dict(self) -> dict[str, object]:
        return {
            "sha256": self.evidence.sha256,
            "item": self.item_id,
            "action": self.action,
            "actor": self.actor_label,
            "at": self.at.isoformat(),
            "source_url": self.source_url,
            "tool": self.tool,
            "tool_version": self.tool_version,
            "http_status": self.http_status,
            "http_headers": self.http_headers,
            "note": self.note,
        }
