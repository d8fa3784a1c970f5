"""Keyframes by scene change with timecodes, per-second PDQ, and the vPDQ comparison under re-encoding."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.media import factories as f
from zabta.screening.media.config import MediaConfig
from zabta.screening.media.errors import DecodeTimeout, MalformedMedia, MediaTooLarge
from zabta.screening.media.hashing import compare_videos, hamming, hex_to_bytes, pdq, sha256_file
from zabta.screening.media.video import scan_video

CONFIG = MediaConfig()


@pytest.fixture(scope="module")
def four_scenes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("video")
    scenes = [f.scene(s) for s in (11, 12, 13, 14)]
    return f.write_video(folder / "four.mp4", f.slideshow(scenes, 2.0), frames=200)


def test_keyframes_at_scene_changes_carry_timecodes(four_scenes: Path) -> None:
    scan = scan_video(four_scenes, CONFIG)
    scene_times = [k.timecode for k in scan.keyframes if k.reason == "scene"]
    assert scan.keyframes[0].reason == "first" and scan.keyframes[0].timecode == 0.0
    for cut in (2.0, 4.0, 6.0):
        assert any(abs(t - cut) <= 0.25 for t in scene_times), (cut, scene_times)
    assert len(scan.keyframes) < 10  # not every frame
    assert scan.frames == 200


def test_unreferenced_frames_are_skipped_but_samples_keep_their_place(four_scenes: Path) -> None:
    scan = scan_video(four_scenes, CONFIG)
    every = scan_video(four_scenes, dataclasses.replace(CONFIG, skip_nonref_frames=False))
    assert every.frames_decoded == every.frames == 200
    assert scan.frames_decoded < 150 and scan.frames == 200  # the B-frames x264 makes were not decoded
    assert [h.second for h in scan.fingerprint if h.variant == 0] == list(range(8))
    assert all(k.frame == round(k.timecode * 25) for k in scan.keyframes)
    assert [k.reason for k in scan.keyframes] == [k.reason for k in every.keyframes]
    for skipped, full in zip(scan.keyframes, every.keyframes, strict=True):
        assert abs(skipped.timecode - full.timecode) <= 0.15
    for skipped_hash, full_hash in zip(scan.fingerprint, every.fingerprint, strict=True):
        assert hamming(skipped_hash.pdq.hex, full_hash.pdq.hex) <= 16


def test_stream_with_long_unreferenced_stretches_is_decoded_whole(tmp_path: Path, four_scenes: Path) -> None:
    # 15 B-frames between references, none of them referenced: skipping them would leave 0.64 s gaps
    sparse = tmp_path / "sparse.mp4"
    f.ffmpeg("-i", str(four_scenes), "-c:v", "libx264", "-x264-params", "bframes=15:b-pyramid=none:b-adapt=0",
             str(sparse))  # fmt: skip
    seen: list[float] = []
    scan = scan_video(sparse, CONFIG, on_keyframe=lambda key: seen.append(key.timecode))
    assert scan.frames_decoded == scan.frames == 200
    assert [h.second for h in scan.fingerprint if h.variant == 0] == list(range(8))
    assert seen == sorted(set(seen)) == [k.timecode for k in scan.keyframes]  # each keyframe announced once


def test_frames_are_counted_from_the_first_when_the_stream_starts_late(four_scenes: Path, tmp_path: Path) -> None:
    late = tmp_path / "late.ts"  # MPEG-TS clocks start anywhere: here at 3,000 s
    f.ffmpeg("-i", str(four_scenes), "-c", "copy", "-output_ts_offset", "3000", str(late))
    config = dataclasses.replace(CONFIG, limits=dataclasses.replace(CONFIG.limits, max_frames=1000))
    scan = scan_video(late, config)
    assert scan.keyframes[0].frame == 0 and 195 <= scan.frames <= 201


def test_minimum_rate_adds_keyframes_in_a_long_still_shot(tmp_path: Path) -> None:
    video = f.write_video(tmp_path / "still.mp4", f.slideshow([f.scene(21)], 8.0), frames=200)
    config = dataclasses.replace(CONFIG, keyframe_max_gap_s=2.0)
    times = [k.timecode for k in scan_video(video, config).keyframes]
    assert len(times) >= 4
    assert max(b - a for a, b in itertools.pairwise(times)) <= 2.3


def test_one_pdq_hash_per_second(four_scenes: Path) -> None:
    scan = scan_video(four_scenes, CONFIG)
    assert [h.second for h in scan.fingerprint if h.variant == 0] == list(range(8))
    assert [h.second for h in scan.fingerprint if h.variant == 1] == list(range(8))
    assert all(len(h.pdq.hex) == 64 for h in scan.fingerprint)


def test_reencoded_and_resized_copy_matches_but_other_video_does_not(four_scenes: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.mp4"
    f.ffmpeg("-i", str(four_scenes), "-vf", "scale=426:240", "-crf", "35", str(copy))
    other = f.write_video(tmp_path / "other.mp4", f.slideshow([f.scene(s) for s in (31, 32, 33, 34)], 2.0), frames=200)
    original = scan_video(four_scenes, CONFIG).fingerprint
    assert compare_videos(scan_video(copy, CONFIG).fingerprint, original).matches()
    assert not compare_videos(scan_video(other, CONFIG).fingerprint, original).matches()


def test_pdq_survives_jpeg_and_resize_and_separates_different_pictures(tmp_path: Path) -> None:
    img = f.scene(41)
    small = np.asarray(img.resize((320, 180)).convert("RGB"))
    f.save(img, tmp_path / "q.jpg", quality=40)
    jpeg = np.asarray(Image.open(tmp_path / "q.jpg").convert("RGB"))
    base = pdq(np.asarray(img))
    assert hamming(base.hex, pdq(small).hex) <= 20
    assert hamming(base.hex, pdq(jpeg).hex) <= 20
    assert hamming(base.hex, pdq(np.asarray(f.scene(42))).hex) > 60


def test_pdq_hex_round_trip_and_bad_hex() -> None:
    value = pdq(np.asarray(f.scene(43))).hex
    assert hex_to_bytes(value).hex() == value
    with pytest.raises(ValueError, match="64 hex digits"):
        hex_to_bytes("abcd")


def test_sha256_identifies_exact_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    a.write_bytes(b"abc")
    b.write_bytes(b"abd")
    assert sha256_file(a) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_file(a) != sha256_file(b)


def test_frame_limit_stops_decoding(four_scenes: Path) -> None:
    config = dataclasses.replace(CONFIG, limits=dataclasses.replace(CONFIG.limits, max_frames=50))
    with pytest.raises(MediaTooLarge, match="more than 50 frames"):
        scan_video(four_scenes, config)


def test_decode_time_limit(four_scenes: Path) -> None:
    config = dataclasses.replace(CONFIG, limits=dataclasses.replace(CONFIG.limits, decode_timeout_s=1e-9))
    with pytest.raises(DecodeTimeout, match="longer than"):
        scan_video(four_scenes, config)


def test_video_damaged_midway_keeps_what_decoded_and_says_so(four_scenes: Path, tmp_path: Path) -> None:
    data = four_scenes.read_bytes()
    cut = tmp_path / "cut.mp4"
    f.ffmpeg("-i", str(four_scenes), "-c", "copy", "-movflags", "frag_keyframe+empty_moov", str(cut))
    cut.write_bytes(cut.read_bytes()[: len(data) // 2])
    scan = scan_video(cut, CONFIG)
    assert 0 < scan.frames_decoded <= scan.frames < 200
    assert "damaged" in scan.damaged


def test_video_with_no_decodable_frame_is_malformed(tmp_path: Path, four_scenes: Path) -> None:
    head = tmp_path / "head.mp4"
    f.ffmpeg("-i", str(four_scenes), "-c", "copy", "-movflags", "frag_keyframe+empty_moov", str(head))
    head.write_bytes(head.read_bytes()[:2000])
    with pytest.raises(MalformedMedia):
        scan_video(head, CONFIG)


def test_pdq_hex_follows_the_reference_word_order() -> None:
    import pdqhash  # type: ignore[import-untyped]

    rgb = np.asarray(f.scene(44, 400, 300))  # under PDQ's pre-shrink size, so both hash the same pixels
    bits, _quality = pdqhash.compute(rgb)
    # Reference Hash256 words: w[k >> 4] holds bit k at position k & 15; format() prints w[15] first.
    vector = np.asarray(bits)[::-1]  # undo pdqhash's reversal: index k is bit k again
    words = [sum(int(vector[16 * w + b]) << b for b in range(16)) for w in range(16)]
    reference = "".join(f"{words[w]:04x}" for w in reversed(range(16)))
    assert pdq(rgb).hex == reference


def test_repeated_still_keyframes_are_checked_once(tmp_path: Path) -> None:
    from zabta.screening.media.analyse import distinct_keyframes

    still = [np.asarray(f.scene(22)), np.asarray(f.scene(23))]
    video = f.write_video(tmp_path / "still.mp4", lambda i: still[i // 150], frames=300)
    keyframes = scan_video(video, dataclasses.replace(CONFIG, keyframe_max_gap_s=2.0)).keyframes
    distinct = distinct_keyframes(keyframes)
    assert len(keyframes) >= 5
    assert [round(k.timecode) for k in distinct] == [0, 6]
