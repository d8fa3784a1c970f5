"""A truncated picture stays refused even after WeasyPrint (discipline PDFs) switched Pillow to lenient loading."""

import importlib
from pathlib import Path

import pytest
from PIL import ImageFile

from tests.media import factories as f
from zabta.screening.media.config import Limits
from zabta.screening.media.errors import MalformedMedia
from zabta.screening.media.intake import load_image


def test_truncated_jpeg_is_refused_after_weasyprint_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    importlib.import_module("weasyprint")  # its import sets ImageFile.LOAD_TRUNCATED_IMAGES = True
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # and restores it afterwards
    whole = f.save(f.scene(1), tmp_path / "whole.jpg", quality=90)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    with pytest.raises(MalformedMedia, match="damaged or truncated"):
        load_image(cut, Limits())


def test_pillows_lenient_setting_is_put_back_for_the_other_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    load_image(f.save(f.scene(2), tmp_path / "whole.png"), Limits())
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
