"""Background screening: intake enqueues item ids; the worker screens them (in batches) into the review queue."""

from collections.abc import Sequence

from django.tasks import task

from zabta.content.models import ContentItem
from zabta.review.screen import screen_items

BATCH = 500  # items per task: one chunk of a bulk file


@task()
def screen_items_task(item_ids: list[int]) -> int:
    items = ContentItem.objects.filter(pk__in=item_ids).prefetch_related("media__evidence").order_by("pk")
    return len(screen_items(list(items)))


def enqueue_screening(item_id: int) -> None:
    screen_items_task.enqueue([item_id])


def enqueue_screening_batch(item_ids: Sequence[int]) -> None:
    """One task per batch: the text core screens a batch several times faster than one post at a time."""
    ids = list(dict.fromkeys(item_ids))
    for start in range(0, len(ids), BATCH):
        screen_items_task.enqueue(ids[start : start + BATCH])
