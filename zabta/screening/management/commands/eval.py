"""`zabta eval`: score the text detectors on every public dataset that fits a label; write a markdown report."""

from __future__ import annotations

import subprocess
from argparse import ArgumentParser
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zabta.screening.datasets import REPO_ROOT, datasets_dir
from zabta.screening.embedding import cache_on_disk
from zabta.screening.evaluation import SECTIONS, Section, render, run_section


class Command(BaseCommand):
    help = "Evaluate the text detectors (per label and language: P/R/F1, macro-F1, confusion) into a report."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--datasets", type=Path, help="public datasets folder (default ../shared/datasets)")
        parser.add_argument("--only", nargs="+", choices=sorted(SECTIONS), help="run only these sections")
        parser.add_argument("--out", type=Path, default=Path("var/eval/screening-text-eval.md"))

    def handle(self, *args: Any, **options: Any) -> None:
        cache_on_disk()
        root = datasets_dir(options["datasets"])
        if not root.is_dir():
            raise CommandError(
                _("no datasets folder at %(path)s (use --datasets or ZABTA_DATASETS_DIR)") % {"path": root}
            )
        sections: list[Section] = []
        for name in options["only"] or list(SECTIONS):
            section = run_section(name, root)
            sections.append(section)
            headline = "-" if section.headline is None else f"{section.headline:.3f}"
            self.stdout.write(f"{section.title}: {headline} ({section.target}) {section.note}".rstrip())
        header = _header()
        options["out"].parent.mkdir(parents=True, exist_ok=True)
        options["out"].write_text(render(sections, header), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(_("report written to %(path)s") % {"path": options["out"]}))


def _header() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    return f"# Text screening evaluation\n\nRun {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit {commit}."
