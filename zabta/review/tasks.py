"""Background screening: intake enqueues one task per item; the worker screens it into the review queue."""

from django.tasks import task

from zabta.content.models import ContentItem
from zabta.review.screen import screen_item


@task()
def screen_item_task(item_id: int) -> int:
    item = ContentItem.objects.get(pk=item_id)
    return screen_item(item).pk


def enqueue_screening(item_id: int) -> None:
    screen_item_task.enqueue(item_id)
