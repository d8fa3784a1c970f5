"""The unit tree as it stood on a date, built from the jurisdiction history."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from zabta.org.models import UnitParent


@dataclass
class UnitTree:
    parent_of: dict[int, int] = field(default_factory=dict)
    children_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def subtree_ids(self, roots: Iterable[int]) -> set[int]:
        """The roots and every unit below them."""
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            unit_id = stack.pop()
            if unit_id in seen:
                continue
            seen.add(unit_id)
            stack.extend(self.children_of.get(unit_id, ()))
        return seen

    def ancestors(self, unit_id: int) -> list[int]:
        """From the unit's parent up to the root (the chain of command)."""
        chain: list[int] = []
        current = self.parent_of.get(unit_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parent_of.get(current)
        return chain


def load_tree(on: date | None = None) -> UnitTree:
    day = on or timezone.localdate()
    links = UnitParent.objects.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    tree = UnitTree()
    for unit_id, parent_id in links.values_list("unit_id", "parent_id"):
        tree.parent_of[unit_id] = parent_id
        tree.children_of[parent_id].append(unit_id)
    return tree
