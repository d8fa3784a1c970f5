"""The demo posts: four languages, clean and violating, taken in and screened into the queue."""

import io
from typing import Any

from django.core.management import call_command

from tests.conftest import Cast
from zabta.content.demo_posts import demo_posts
from zabta.content.models import ContentItem
from zabta.org.models import Personnel, Posting
from zabta.review.models import Finding, ScreeningRun


def test_demo_posts_cover_languages_and_clauses() -> None:
    posts = list(demo_posts())
    assert len(posts) >= 300
    assert {p.language for p in posts} == {"roman_ur", "ur", "sd", "en"}
    assert {p.category for p in posts} == {"clean", "sm1", "sm2", "sm3", "sm5"}
    assert len({p.url for p in posts}) == len(posts)
    assert any(p.posted_at.year == 2024 and p.posted_at.month < 9 for p in posts)  # some from before the directive


def test_demo_posts_are_screened_into_the_queue(cast: Cast, immediate_tasks: Any,
                                                django_capture_on_commit_callbacks: Any) -> None:  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_posts", "--count", "68", stdout=io.StringIO())
    assert ContentItem.objects.count() == 68 and ScreeningRun.objects.count() == 68
    assert set(ScreeningRun.objects.values_list("text_status", flat=True)) == {"analysed"}
    assert {"KHI-2024-SM-1", "KHI-2024-SM-2", "KHI-2024-SM-3"} <= set(
        Finding.objects.values_list("clause_key", flat=True)
    )
    made = list(demo_posts(count=68, authors=_officers()))  # the posts the command made (authors shape the URLs)
    assert {i.url for i in ContentItem.objects.all()} == {p.url for p in made}
    pictured = [p.url for p in made if p.has_picture]
    assert pictured and ContentItem.objects.filter(url__in=pictured, media__role="media").count() == len(pictured)
    clause_1 = Finding.objects.filter(clause_key="KHI-2024-SM-1")
    assert set(clause_1.values_list("item__url", flat=True)) == set(pictured)  # read from the still, by OCR
    clean = [p.url for p in made if p.category == "clean"]
    assert not Finding.objects.filter(item__url__in=clean).exists()
    premises = {p.url for p in made if p.category == "sm5"}  # filming in a police station, told in the text
    clause_5 = set(Finding.objects.filter(clause_key="KHI-2024-SM-5").values_list("item__url", flat=True))
    # A reel made with a police van (a clause-1 post) tells of a police vehicle used for filming too: the
    # reviewer decides whether a private person was behind it. No other post raises clause 5.
    van_reels = {p.url for p in made if p.category == "sm1" and "police van" in p.text}
    assert premises and premises <= clause_5 <= premises | van_reels


def _officers() -> int:
    """How many demo officers `zabta demo-posts` spreads the posts over (as the command counts them)."""
    posted = Posting.objects.filter(valid_to__isnull=True).values("personnel_id")
    return min(120, Personnel.objects.filter(id__in=posted).count())
