"""API schemas of content items: one for intake (in), one for reading (out)."""

from typing import Any

from rest_framework import serializers

from zabta.content.models import ContentItem, ItemKind, Platform


class ItemIn(serializers.Serializer[dict[str, Any]]):
    url = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    platform = serializers.ChoiceField(choices=Platform.choices, required=False, allow_blank=True, default="")
    account = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    author_reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ItemKind.choices, default=ItemKind.POST)
    original_url = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    posted_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    text = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="", trim_whitespace=False)
    views = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    likes = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    followers = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    capture = serializers.BooleanField(default=False, help_text="fetch the URL and its media as evidence")


class ItemOut(serializers.ModelSerializer[ContentItem]):
    author: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="personnel_id", read_only=True)
    media = serializers.SerializerMethodField()

    class Meta:
        model = ContentItem
        fields = ["id", "platform", "url", "account_handle", "account_kind", "author", "author_linked_by",
                  "author_link_reason", "kind", "original", "posted_at", "text", "views", "likes", "followers",
                  "channel", "content_hash", "times_seen", "created_at", "updated_at", "media"]  # fmt: skip

    def get_media(self, item: ContentItem) -> list[dict[str, Any]]:
        return [{"sha256": m.evidence.sha256, "role": m.role, "size": m.evidence.size,
                 "content_type": m.evidence.content_type} for m in item.media.all()]  # fmt: skip
