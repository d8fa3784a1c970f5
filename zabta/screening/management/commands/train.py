"""`zabta train --label LABEL --data FILE...` trains a model from labelled files; `--preset NAME` rebuilds a
shipped model from its public data (see the model cards in docs/screening-text.md); `--words` rebuilds the
Roman Urdu content words that language identification counts."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zabta.screening import datasets as ds
from zabta.screening.analysis import MODEL_DIR
from zabta.screening.datasets import datasets_dir
from zabta.screening.embedding import cache_on_disk
from zabta.screening.language import ROMAN_URDU_WORDS_FILE, roman_urdu_words
from zabta.screening.presets import PRESETS
from zabta.screening.training import TrainingDataError, train_label
from zabta.screening.types import LABELS


class Command(BaseCommand):
    help = "Train a screening model from CSV/TSV/JSONL files, or rebuild a shipped model with --preset."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--label", choices=LABELS, help="the label to learn (a binary model)")
        parser.add_argument("--data", type=Path, nargs="+", help="CSV, TSV or JSONL files with text and label")
        parser.add_argument("--preset", choices=sorted(PRESETS), help="rebuild a shipped model")
        parser.add_argument("--words", action="store_true", help="rebuild the Roman Urdu word list (--out: a file)")
        parser.add_argument("--datasets", type=Path, help="public datasets folder for --preset")
        parser.add_argument("--out", type=Path, help="folder to write the model(s) into")
        parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength (linear SVM)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["words"]:
            self._words(options["datasets"], options["out"] or ROMAN_URDU_WORDS_FILE)
            return
        cache_on_disk()
        try:
            if options["preset"]:
                models = PRESETS[options["preset"]](datasets_dir(options["datasets"]))
                out = options["out"] or MODEL_DIR
            elif options["label"] and options["data"]:
                models = [train_label(options["label"], options["data"], c=options["c"])]
                out = options["out"] or Path(os.environ.get("ZABTA_SCREENING_MODEL_DIR", "var/models"))
            else:
                raise CommandError(_("give --label LABEL --data FILE... or --preset NAME"))
        except TrainingDataError as exc:
            raise CommandError(str(exc)) from exc
        for model in models:
            model.save(out / model.name)
            card = model.card
            self.stdout.write(
                self.style.SUCCESS(
                    _("wrote %(dir)s (%(rows)s rows, classes %(classes)s)")
                    % {"dir": out / model.name, "rows": card.get("rows", "?"), "classes": ", ".join(model.classes)}
                )
            )
        if not options["preset"]:
            self.stdout.write(_("to use it: ZABTA_SCREENING_MODEL_DIR=%(dir)s") % {"dir": out})

    def _words(self, datasets: Path | None, out: Path) -> None:
        """Roman Urdu words from RUHSOLD's task-2 posts (MIT) that HateXplain's training and validation posts (MIT /
        CC BY 4.0) never use; HateXplain's test posts stay out, so its evaluation is not tuned to them."""
        root = datasets_dir(datasets)
        try:
            roman = [r.text for r in ds.ruhsold(root, "task_2_train.tsv")]
            split = ds.hatexplain(root)
        except (OSError, TrainingDataError) as exc:
            raise CommandError(str(exc)) from exc
        words = roman_urdu_words(roman, [r.text for r in split["train"] + split["val"]])
        header = [
            "# Roman Urdu content words for language identification (zabta/screening/language.py), one per line.",
            "# Words of 3+ letters in at least 3 RUHSOLD task_2_train posts (MIT) and in no HateXplain train/val post",
            "# (MIT / CC BY 4.0). Rebuilt by: zabta train --words",
        ]
        out.write_text("\n".join(header + words) + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(_("wrote %(file)s (%(n)s words)") % {"file": out, "n": len(words)}))
