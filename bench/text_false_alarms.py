"""Benchmark: false alarms of the harm labels on benign police posts, with and without the clause-3 posts as "normal".

Usage:  .venv/bin/python bench/text_false_alarms.py [--language roman_ur en] [--datasets DIR]

The clause-3 set holds no slur or hate content, so any identity_attack, abusive or profane decision on one of its
posts is a false alarm. 5-fold CV by post id: the harm model of the language (its preset recipe: RUHSOLD task 2 for
Roman Urdu, HateXplain train+val ids for English) is trained on the public data alone ("public only") or on the
public data plus the other folds' clause-3 posts as "normal" (the shipped recipe), and screens the held-out fold.
Prints the posts flagged per label out of the language's clause-3 posts.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zabta.screening import datasets as ds
from zabta.screening import evaluation as ev
from zabta.screening import presets
from zabta.screening.embedding import cache_on_disk
from zabta.screening.training import fold_of

HARM = ("identity_attack", "abusive", "profane")


def false_alarms(language: str, root: Path, with_own: bool, k: int = 5) -> Counter[str]:
    own = [r for r in ds.clause3() if r.language == language]
    if language == "roman_ur":
        public, recipe = ds.ruhsold(root, "task_2_train.tsv"), presets.harm_roman_ur_from
    else:
        split = ds.hatexplain(root)
        public, recipe = split["train"] + split["val"], presets.harm_en_from
    shipped_own_normal = presets.own_normal
    presets.own_normal = lambda *args, **kwargs: []  # the folds decide which clause-3 posts it sees
    counts: Counter[str] = Counter()
    try:
        for fold in range(k):
            train_own = [r for r in own if fold_of(r.id, k) != fold] if with_own else []
            models = recipe(public + shipped_own_normal(language, train_own))
            for res in ev._run([r for r in own if fold_of(r.id, k) == fold], ev._bank_with(models)):
                decided = [lab for lab in HARM if ev._decided(res, lab)]
                counts.update(decided)
                counts["any"] += bool(decided)
    finally:
        presets.own_normal = shipped_own_normal
    counts["posts"] = len(own)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", nargs="+", default=["roman_ur", "en"], choices=["roman_ur", "en"])
    parser.add_argument("--datasets", type=Path, default=None)
    args = parser.parse_args()
    cache_on_disk()  # harm_en's second stage embeds the HateXplain posts again for every fold model
    root = ds.datasets_dir(args.datasets)
    for language in args.language:
        for with_own in (False, True):
            c = false_alarms(language, root, with_own)
            name = "public + clause-3 folds" if with_own else "public only"
            print(f"{language:9} {name:24} flagged {c["any"]:3} of {c["posts"]} "
                  f"(identity_attack {c['identity_attack']}, abusive {c['abusive']}, profane {c['profane']})")  # fmt: skip


if __name__ == "__main__":
    main()
