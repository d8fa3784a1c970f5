"""The demo posts: four languages, clean and violating, taken in and screened into the queue."""

import io
from typing import Any

from django.core.management import call_command

from tests.conftest import Cast
from zabta.content.demo_posts import demo_posts
from zabta.content.models import ContentItem
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
    assert {"KHI-2024-SM-2", "KHI-2024-SM-3"} <= set(Finding.objects.values_list("clause_key", flat=True))
    clean = [p.url for p in demo_posts(count=68) if p.category == "clean"]
    assert not Finding.objects.filter(item__url__in=clean).exists()
