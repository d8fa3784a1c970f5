"""`zabta demo-posts [--count N]`: take in the demo posts (linked to demo officers) and queue their screening."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zabta.content.actions import ItemInput, MediaInput, item_ingest
from zabta.content.demo_posts import demo_posts, marking_picture
from zabta.content.models import Channel
from zabta.evidence.actions import Provenance
from zabta.org.models import Personnel, Posting


class Command(BaseCommand):
    help = "Take in a few hundred demo posts in Roman Urdu, Urdu, Sindhi and English; the worker screens them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=360)
        parser.add_argument("--no-screen", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        posted = Posting.objects.filter(valid_to__isnull=True).values("personnel_id")
        officers = list(Personnel.objects.filter(id__in=posted).order_by("id")[:120])
        if not officers:
            raise CommandError("no officers yet: run `zabta demo` first")
        created = 0
        for post in demo_posts(count=options["count"], authors=len(officers)):
            officer = officers[post.author_index]
            data = ItemInput(url=post.url, platform=post.platform, text=post.text, posted_at=post.posted_at,
                             author_personnel_id=officer.personnel_id, account_handle=post.url.split("/")[3],
                             author_link_reason="demo data: synthetic link", views=post.views, likes=post.likes,
                             followers=post.followers, kind="video" if post.platform in ("tiktok", "youtube") else "post",
                             media=_picture() if post.has_picture else ())  # fmt: skip
            created += item_ingest(
                data=data, actor="demo", channel=Channel.DEMO, screen=not options["no_screen"]
            ).created
        self.stdout.write(f"{created} demo posts taken in ({options['count']} rows); screening is queued")


def _picture() -> tuple[MediaInput, ...]:
    return (MediaInput(marking_picture(), "still.png", "image/png", Provenance(tool="demo data"), "media"),)
