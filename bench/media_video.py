"""Benchmark: video screening speed against real time and decode-only, copy matching, reference-mark recall.

Usage:  .venv/bin/python bench/media_video.py [--seconds 20] [--videos 5] [--marks 40] [--rounds 3]
        [--parts speed,copies,enrolment,marks]

1. Speed: a 720p, 25 fps H.264 video made here (scenes with captions and an enrolled emblem) is decoded
   alone, then screened (keyframes, per-second PDQ with centre-crop variant, OCR of keyframes with text
   regions, reference matching, nudity model; the picture checks run in worker threads while the video
   decodes); prints both times and the ratios (x real time, screening / decode-only), wall and CPU time, for
   --rounds alternating pairs and their median, then one pair with every frame decoded (screening skips
   frames no other frame refers to). Loading the models (Tesseract, open_nsfw, the reference mark) happens
   once per process and is printed apart.
2. Copies: N videos, each enrolled as a bank entry is (every crop variant), then re-encoded (CRF 35),
   resized to 426x240, and cropped 10% by ffmpeg (centre, from a corner, from one side), plus a 6% crop
   that is not one of the enrolled regions; prints the share of copies that still match their original
   under the vPDQ rule, and false matches between different videos.
3. Enrolment: the speed video hashed as a lookup (whole frame and centre) and as a bank entry (every crop
   variant): time, hashes per second of video, stored JSON per second, and the hours of enrolled video that
   1,000,000 index hashes (bench/media_index.py) then hold.
4. Reference marks: enrolled emblems composited into scenes with scale, rotation, perspective, blur, JPEG
   and crops; prints recall and false positives on as many mark-free scenes.
"""

import argparse
import dataclasses
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import av
import cv2
import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.media import factories as f
from zabta.screening.media import nudity, ocr
from zabta.screening.media.analyse import analyse_media
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.hashing import ENROL_VARIANTS, QUERY_VARIANTS, VPDQ_DISTANCE, compare_videos
from zabta.screening.media.reference import ReferenceMatcher
from zabta.screening.media.video import scan_video
from zabta.screening.media.visual import load_models

CONFIG = MediaConfig()
SIZE = (1280, 720)


def make_video(path: Path, seconds: int, seed: int) -> Path:
    scenes = []
    for i in range(max(1, seconds // 4)):
        img = f.scene(seed * 100 + i, *SIZE)
        if i % 2 == 0:
            img = f.caption(img, "SINDH POLICE Madadgar 15", at=(80, 600), size=40)
        if i % 3 == 0:
            img.paste(f.emblem(7), (900, 100))
        scenes.append(img)
    return f.write_video(path, f.slideshow(scenes, 4.0), frames=seconds * 25, size=SIZE)


def decode_only(path: Path) -> None:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for _ in container.decode(stream):
            pass


@dataclasses.dataclass(frozen=True)
class Took:
    wall: float
    cpu: float  # user + system time of every thread of this process


def timed(fn: Callable[[], object]) -> Took:
    before, start = os.times(), time.perf_counter()
    fn()
    after = os.times()
    return Took(time.perf_counter() - start, after.user - before.user + after.system - before.system)


def speed(folder: Path, seconds: int, rounds: int) -> None:
    video = make_video(folder / "speed.mp4", seconds, 1)
    refs = folder / "refs"
    refs.mkdir()
    f.save(f.emblem(7), refs / "emblem.png")
    config = dataclasses.replace(CONFIG, reference_dir=refs)
    start = time.perf_counter()
    load_models(config)  # enrolment and model loading happen once per process, not per video
    nudity.available()
    ocr.load(config.ocr_languages)
    print(
        f"speed: loading models and enrolling the reference mark (once per process): {time.perf_counter() - start:.2f} s"
    )
    report = analyse_media(video, config)
    ran = ", ".join(name for name, check in report.checks.items() if check.ran)
    print(f"speed: {seconds} s of 720p25, {report.keyframes} keyframes, {len(report.texts)} OCR lines, "
          f"{len(report.observations)} observations; checks run: {ran}")  # fmt: skip
    # Decode-only and screening alternate, so a change in the machine's load hits both sides of a ratio.
    ratios = [_round(video, config, seconds, f"round {r + 1}") for r in range(rounds)]
    ratios.sort()
    print(f"  screening / decode-only (wall), median of {rounds}: {ratios[len(ratios) // 2]:.2f} "
          f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}); load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    _round(video, dataclasses.replace(config, skip_nonref_frames=False), seconds, "every frame decoded")


def _round(video: Path, config: MediaConfig, seconds: int, name: str) -> float:
    load = os.getloadavg()[0]
    decode = timed(lambda: decode_only(video))
    screen = timed(lambda: analyse_media(video, config))
    ratio = screen.wall / decode.wall
    print(f"  {name}: decode-only {decode.wall:.2f} s ({decode.cpu:.2f} s CPU), analyse_media {screen.wall:.2f} s "
          f"({screen.cpu:.2f} s CPU) = {seconds / screen.wall:.1f}x real time; screening / decode-only "
          f"{ratio:.2f} wall, {screen.cpu / decode.cpu:.2f} CPU; load average {load:.1f}")  # fmt: skip
    return ratio


def copies(folder: Path, count: int) -> None:
    edits = {
        "re-encoded (CRF 35)": ["-crf", "35"],
        "resized to 426x240": ["-vf", "scale=426:240"],
        "cropped 10% (centre)": ["-vf", "crop=iw*0.9:ih*0.9"],
        "cropped 10% (top-left corner cut)": ["-vf", "crop=iw*0.9:ih*0.9:iw*0.1:ih*0.1"],
        "cropped 10% (bottom-right corner cut)": ["-vf", "crop=iw*0.9:ih*0.9:0:0"],
        "cropped 10% (left side cut)": ["-vf", "crop=iw*0.9:ih:iw*0.1:0"],
        "cropped 10% (top cut), resized to 480x240": ["-vf", "crop=iw:ih*0.9:0:ih*0.1,scale=480:240"],
        "cropped 6% (top-left; not an enrolled region)": ["-vf", "crop=iw*0.94:ih*0.94:iw*0.06:ih*0.06"],
    }
    originals = [make_video(folder / f"o{i}.mp4", 12, 10 + i) for i in range(count)]
    # A bank entry holds every crop variant (fingerprint_file's default); a lookup hashes the whole frame
    # and its centre, as screening does.
    enrolled = [scan_video(p, CONFIG, keyframes=False, variants=ENROL_VARIANTS).fingerprint for p in originals]
    for n, (name, extra) in enumerate(edits.items()):
        matched = 0
        for i, original in enumerate(originals):
            out = folder / f"o{i}-{n}.mp4"
            f.ffmpeg("-i", str(original), *extra, str(out))
            query = scan_video(out, CONFIG, keyframes=False).fingerprint
            matched += compare_videos(query, enrolled[i]).matches()
        print(f"copies {name}: {matched}/{count} match their original's bank entry")
    queries = [scan_video(p, CONFIG, keyframes=False).fingerprint for p in originals]
    pairs = [(i, j) for i in range(count) for j in range(count) if i != j]
    false = sum(compare_videos(queries[i], enrolled[j]).matches() for i, j in pairs)
    closest = min(compare_videos(queries[i], enrolled[j]).best_distance for i, j in pairs)
    print(f"copies: {false} false matches among {len(pairs)} pairs of different videos "
          f"(closest hashes of different videos: distance {closest}; match threshold {VPDQ_DISTANCE})")  # fmt: skip


def enrolment(folder: Path, seconds: int) -> None:
    video = folder / "speed.mp4"
    if not video.exists():
        make_video(video, seconds, 1)
    for name, variants in (("lookup", QUERY_VARIANTS), ("bank entry", ENROL_VARIANTS)):
        start = time.perf_counter()
        hashes = scan_video(video, CONFIG, keyframes=False, variants=variants).fingerprint
        took = time.perf_counter() - start
        stored = len(json.dumps([[h.second, h.pdq.hex, h.pdq.quality, h.variant] for h in hashes]))
        per_second = len(hashes) / seconds
        print(f"enrolment: {seconds} s of 720p hashed as a {name} ({len(variants)} per second): {took:.2f} s "
              f"({seconds / took:.1f}x real time); {stored / seconds:.0f} bytes of JSON per second; "
              f"1,000,000 index hashes hold {1_000_000 / per_second / 3600:.1f} h of such video")  # fmt: skip


def distort(rng: np.random.Generator, mark: Image.Image, background: Image.Image) -> np.ndarray:
    scale = float(rng.uniform(0.5, 1.6))
    m = mark.resize((round(mark.width * scale), round(mark.height * scale)))
    m = m.rotate(float(rng.uniform(-45, 45)), expand=True, fillcolor=(0, 0, 0))
    out = background.copy()
    x = int(rng.integers(0, out.width - m.width))
    y = int(rng.integers(0, out.height - m.height))
    out.paste(m, (x, y), m.convert("L").point(lambda v: 255 if v > 0 else 0))
    arr = np.asarray(out)
    w, h = out.size
    jitter = rng.uniform(-0.06, 0.06, (4, 2)) * [w, h]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    warped = cv2.warpPerspective(arr, cv2.getPerspectiveTransform(src, (src + jitter).astype(np.float32)), (w, h))
    img = Image.fromarray(warped).filter(ImageFilter.GaussianBlur(float(rng.uniform(0, 1.5))))
    crop = float(rng.uniform(0.0, 0.1))
    img = img.crop((int(w * crop / 2), int(h * crop / 2), int(w * (1 - crop / 2)), int(h * (1 - crop / 2))))
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=int(rng.integers(35, 85)))
    return np.asarray(Image.open(buffer).convert("RGB"))


def references(count: int) -> None:
    rng = np.random.default_rng(5)
    marks = {f"mark{i}": f.emblem(200 + i) for i in range(4)}
    matcher = ReferenceMatcher()
    for name, img in marks.items():
        matcher.enrol(name, np.asarray(img))
    found = wrong = false = 0
    for i in range(count):
        name = f"mark{i % 4}"
        hits = matcher.match(distort(rng, marks[name], f.scene(3000 + i, 960, 540)))
        found += any(h.name == name for h in hits)
        wrong += any(h.name != name for h in hits)
        false += bool(matcher.match(np.asarray(f.scene(5000 + i, 960, 540))))
    print(f"reference marks: recall {found}/{count} = {found / count:.2f}; wrong mark named in {wrong}; "
          f"false positives on {count} mark-free scenes: {false}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--videos", type=int, default=5)
    parser.add_argument("--marks", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3, help="decode-only / screening pairs timed")
    parser.add_argument("--parts", default="speed,copies,enrolment,marks", help="which of the four to run")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zabta-bench-"))
    try:
        parts = set(args.parts.split(","))
        if "speed" in parts:
            speed(folder, args.seconds, args.rounds)
        if "copies" in parts:
            copies(folder, args.videos)
        if "enrolment" in parts:
            enrolment(folder, args.seconds)
        if "marks" in parts:
            references(args.marks)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
