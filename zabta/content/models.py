"""Content items seen on social media (posts, videos, shares...), with their media and reach at capture."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zabta.org.models import Personnel, Unit


class Platform(models.TextChoices):
    TIKTOK = "tiktok", _("TikTok")
    FACEBOOK = "facebook", _("Facebook")
    WHATSAPP = "whatsapp", _("WhatsApp")
    INSTAGRAM = "instagram", _("Instagram")
    YOUTUBE = "youtube", _("YouTube")
    X = "x", _("X (Twitter)")
    WEB = "web", _("Other website")
    UNKNOWN = "unknown", _("Unknown")


class ItemKind(models.TextChoices):
    POST = "post", _("Post")
    VIDEO = "video", _("Video")
    STORY = "story", _("Story")
    LIVE = "live", _("Live stream")
    COMMENT = "comment", _("Comment")
    SHARE = "share", _("Share / repost")
    REACTION = "reaction", _("Like / reaction")


class AccountKind(models.TextChoices):
    OFFICIAL = "official", _("Official account")
    PERSONAL = "personal", _("Declared personal account")
    DISCOVERED = "discovered", _("Discovered account")
    UNKNOWN = "unknown", _("Unknown account")


# Read per row in bulk intake and per audit event: a TextChoices' .values/.choices is rebuilt on every access.
PLATFORMS = frozenset(Platform.values)
PLATFORM_LABELS = dict(Platform.choices)
ITEM_KINDS = frozenset(ItemKind.values)
ACCOUNT_KINDS = frozenset(AccountKind.values)


class Channel(models.TextChoices):
    WEB_FORM = "web", _("Web form")
    API = "api", _("API")
    BULK = "bulk", _("Bulk file")
    CAPTURE = "capture", _("Captured from URL")
    DEMO = "demo", _("Demo data")


class ContentItem(models.Model):
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices, default=Platform.UNKNOWN)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    url_key = models.CharField(_("normalised URL"), max_length=2000, blank=True, editable=False)
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True, editable=False)
    account_handle = models.CharField(_("account"), max_length=200, blank=True)
    account_kind = models.CharField(_("account kind"), max_length=12, choices=AccountKind.choices,
                                    default=AccountKind.UNKNOWN)  # fmt: skip
    author = models.ForeignKey(Personnel, on_delete=models.PROTECT, null=True, blank=True, related_name="content_items",
                               verbose_name=_("author (officer)"))  # fmt: skip
    author_linked_by = models.CharField(_("author linked by"), max_length=200, blank=True)
    author_link_reason = models.CharField(_("why linked"), max_length=500, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="content_items",
                             verbose_name=_("responsible unit"))  # fmt: skip
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.POST)
    original = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="shares",
                                 verbose_name=_("original content (for shares, comments, reactions)"))  # fmt: skip
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    views = models.PositiveBigIntegerField(_("views"), null=True, blank=True)
    likes = models.PositiveBigIntegerField(_("likes"), null=True, blank=True)
    followers = models.PositiveBigIntegerField(_("followers"), null=True, blank=True)
    channel = models.CharField(_("intake channel"), max_length=10, choices=Channel.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last seen"), auto_now=True)
    times_seen = models.PositiveIntegerField(_("times ingested"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["url_key"], condition=~Q(url_key=""), name="content_item_one_per_url"),
            models.UniqueConstraint(
                fields=["content_hash"], condition=Q(url_key=""), name="content_item_one_per_hash_without_url"
            ),
        ]
        indexes = [models.Index(fields=["unit", "created_at"])]
        ordering = ["-created_at", "-id"]
        verbose_name = _("content item")
        verbose_name_plural = _("content items")

    def __str__(self) -> str:
        return f"#{self.pk} {PLATFORM_LABELS.get(self.platform, self.platform)} {self.url or self.text[:40]}"


class ItemMedia(models.Model):
    """One media file (screenshot, video, image) belonging to an item, stored as evidence."""

    item = models.ForeignKey(ContentItem, on_delete=models.PROTECT, related_name="media")
    evidence = models.ForeignKey("evidence.EvidenceFile", on_delete=models.PROTECT, related_name="item_media")
    role = models.CharField(_("role"), max_length=12, default="media")  # media | page | screenshot

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "evidence"], name="item_media_once")]
        verbose_name = _("item media")
        verbose_name_plural = _("item media")

    def __str__(self) -> str:
        return f"{self.item_id}:{self.evidence_id}"
