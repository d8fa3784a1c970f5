"""Reference-mark matching: enrolled emblems and badges found in frames by SIFT + RANSAC homography."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from zabta.screening.media.config import Limits, MediaConfigError
from zabta.screening.media.errors import MediaError
from zabta.screening.media.intake import load_image

_RATIO = 0.75
_MIN_INLIERS = 12
_MAX_SIDE = 640
_REF_MAX_SIDE = 400
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


@dataclass(frozen=True, slots=True)
class Reference:
    """One enrolled mark: its name, keypoint positions, descriptors and outline."""

    name: str
    points: NDArray[np.float32]
    descriptors: NDArray[np.float32]
    size: tuple[int, int]


@dataclass(frozen=True, slots=True)
class ReferenceHit:
    """An enrolled mark found in a picture, with how strongly geometry confirms it."""

    name: str
    inliers: int
    score: float
    corners: tuple[tuple[float, float], ...]


@dataclass(slots=True)
class ReferenceMatcher:
    """Matches pictures against every enrolled reference mark."""

    references: list[Reference] = field(default_factory=list)
    min_inliers: int = _MIN_INLIERS
    _sift: cv2.SIFT = field(default_factory=lambda: cv2.SIFT.create(nfeatures=1500))
    _matcher: cv2.BFMatcher = field(default_factory=lambda: cv2.BFMatcher(cv2.NORM_L2))

    def enrol(self, name: str, rgb: NDArray[np.uint8]) -> None:
        gray = _gray(rgb, _REF_MAX_SIDE)
        points, desc = self._features(gray)
        if desc is None or len(points) < self.min_inliers:
            raise ValueError(f"reference {name!r} has too little texture to be matched ({len(points)} keypoints)")
        self.references.append(Reference(name, points, desc, (gray.shape[1], gray.shape[0])))

    def enrol_dir(self, directory: Path, limits: Limits) -> None:
        """Enrol every picture in `directory`, named after its file stem."""
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() in _IMAGE_SUFFIXES:
                try:
                    self.enrol(path.stem, load_image(path, limits, max_frames=1)[0])
                except (MediaError, ValueError) as exc:
                    raise MediaConfigError(f"reference mark {path} cannot be enrolled: {exc}") from exc

    def match(self, rgb: NDArray[np.uint8]) -> list[ReferenceHit]:
        if not self.references:
            return []
        points, desc = self._features(_gray(rgb, _MAX_SIDE))
        if desc is None or len(points) < self.min_inliers:
            return []
        hits = (self._verify(ref, points, desc) for ref in self.references)
        return sorted((h for h in hits if h is not None), key=lambda h: -h.inliers)

    def _features(self, gray: NDArray[np.uint8]) -> tuple[NDArray[np.float32], NDArray[np.float32] | None]:
        keypoints, desc = self._sift.detectAndCompute(gray, None)
        points = np.array([k.pt for k in keypoints], dtype=np.float32).reshape(-1, 2)
        return points, None if desc is None else np.asarray(desc, dtype=np.float32)

    def _verify(self, ref: Reference, points: NDArray[np.float32], desc: NDArray[np.float32]) -> ReferenceHit | None:
        pairs = self._matcher.knnMatch(ref.descriptors, desc, k=2)
        good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < _RATIO * p[1].distance]
        if len(good) < self.min_inliers:
            return None
        src = ref.points[[m.queryIdx for m in good]]
        dst = points[[m.trainIdx for m in good]]
        homography, mask = cv2.findHomography(src, dst, cv2.RANSAC, 5.0)
        if homography is None or mask is None:
            return None
        inliers = int(mask.sum())
        corners = _project(np.asarray(homography, dtype=np.float64), ref.size)
        if inliers < self.min_inliers or not _plausible(corners):
            return None
        return ReferenceHit(ref.name, inliers, min(1.0, inliers / (3.0 * self.min_inliers)), corners)


def _gray(rgb: NDArray[np.uint8], max_side: int) -> NDArray[np.uint8]:
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    scale = max_side / max(gray.shape)
    if scale < 1:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.asarray(gray, dtype=np.uint8)


def _project(homography: NDArray[np.float64], size: tuple[int, int]) -> tuple[tuple[float, float], ...]:
    w, h = size
    quad = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32).reshape(-1, 1, 2)
    projected = cv2.perspectiveTransform(quad, homography).reshape(-1, 2)
    return tuple((float(x), float(y)) for x, y in projected)


def _plausible(corners: tuple[tuple[float, float], ...]) -> bool:
    """A real view of a flat mark projects to a convex, non-tiny quadrilateral without folds."""
    quad = np.array(corners, dtype=np.float32)
    if not np.isfinite(quad).all() or not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return False
    area = float(cv2.contourArea(quad))
    sides = [float(np.linalg.norm(quad[i] - quad[(i + 1) % 4])) for i in range(4)]
    return area >= 400.0 and min(sides) >= 10.0 and max(sides) / max(min(sides), 1e-6) < 12.0
