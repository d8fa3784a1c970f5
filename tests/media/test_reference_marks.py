"""Enrolled reference marks are found under scale, rotation, perspective and blur, and not in other pictures."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageFilter

from tests.media import factories as f
from zabta.screening.media.config import Limits
from zabta.screening.media.reference import ReferenceMatcher


def composite(
    mark: Image.Image, background: Image.Image, *, scale: float, angle: float, at: tuple[int, int]
) -> np.ndarray:
    m = mark.resize((round(mark.width * scale), round(mark.height * scale))).rotate(
        angle, expand=True, fillcolor=(0, 0, 0)
    )
    mask = m.convert("L").point(lambda v: 255 if v > 0 else 0)
    out = background.copy()
    out.paste(m, at, mask)
    return np.array(out.convert("RGB"))


@pytest.fixture(scope="module")
def matcher() -> ReferenceMatcher:
    m = ReferenceMatcher()
    m.enrol("emblem", np.asarray(f.emblem(7)))
    return m


@pytest.mark.parametrize("scale,angle", [(1.0, 0.0), (0.6, 25.0), (1.4, -40.0)])
def test_found_under_scale_and_rotation(matcher: ReferenceMatcher, scale: float, angle: float) -> None:
    frame = composite(f.emblem(7), f.scene(61, 800, 450), scale=scale, angle=angle, at=(300, 120))
    hits = matcher.match(frame)
    assert [h.name for h in hits] == ["emblem"]
    xs = [x for x, _ in hits[0].corners]
    assert 250 < float(np.mean(xs)) < 600


def test_found_under_blur_perspective_and_jpeg(matcher: ReferenceMatcher, tmp_path: Path) -> None:
    frame = composite(f.emblem(7), f.scene(62, 800, 450), scale=1.2, angle=10.0, at=(200, 100))
    src = np.array([[0, 0], [800, 0], [800, 450], [0, 450]], dtype=np.float32)
    dst = np.array([[40, 20], [770, 0], [800, 450], [0, 420]], dtype=np.float32)
    warped = cv2.warpPerspective(frame, cv2.getPerspectiveTransform(src, dst), (800, 450))
    blurred = Image.fromarray(warped).filter(ImageFilter.GaussianBlur(1.2))
    blurred.save(tmp_path / "q.jpg", quality=50)
    assert [h.name for h in matcher.match(np.asarray(Image.open(tmp_path / "q.jpg")))] == ["emblem"]


def test_partially_covered_mark_is_still_found(matcher: ReferenceMatcher) -> None:
    frame = composite(f.emblem(7), f.scene(63, 800, 450), scale=1.5, angle=0.0, at=(300, 100))
    frame[100:220, 300:420] = 128  # a hand over a third of the badge
    assert [h.name for h in matcher.match(frame)] == ["emblem"]


def test_other_marks_and_plain_scenes_are_not_matched(matcher: ReferenceMatcher) -> None:
    other = composite(f.emblem(99), f.scene(64, 800, 450), scale=1.0, angle=0.0, at=(300, 120))
    assert matcher.match(other) == []
    assert matcher.match(np.asarray(f.scene(65, 800, 450))) == []


def test_flat_reference_is_refused() -> None:
    with pytest.raises(ValueError, match="too little texture"):
        ReferenceMatcher().enrol("blank", np.full((100, 100, 3), 200, dtype=np.uint8))


def test_enrol_dir_names_marks_after_files(tmp_path: Path) -> None:
    f.save(f.emblem(7), tmp_path / "cap_badge.png")
    f.save(f.emblem(8), tmp_path / "shoulder_badge.jpg")
    (tmp_path / "README.txt").write_text("not a picture")
    m = ReferenceMatcher()
    m.enrol_dir(tmp_path, Limits())
    assert sorted(r.name for r in m.references) == ["cap_badge", "shoulder_badge"]


def test_unusable_reference_picture_is_a_configuration_error_naming_it(tmp_path: Path) -> None:
    from zabta.screening.media.config import MediaConfigError

    f.save(f.emblem(7), tmp_path / "cap_badge.png")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    with pytest.raises(MediaConfigError, match=r"broken\.jpg cannot be enrolled"):
        ReferenceMatcher().enrol_dir(tmp_path, Limits())
