"""Video decoding under limits: keyframes by scene change plus a minimum rate, and per-second PDQ."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import av
import cv2
import numpy as np
from av.video.frame import VideoFrame
from numpy.typing import NDArray

from zabta.screening.media.config import MediaConfig
from zabta.screening.media.errors import DecodeTimeout, MalformedMedia, MediaTooLarge
from zabta.screening.media.hashing import QUERY_VARIANTS, FrameHash, crop, pdq

_THUMB = (64, 36)
_KEYFRAME_MAX_SIDE = 1280
SPARSE_GAP_S = 0.3  # a wider gap between the frames decoded when skipping unreferenced ones: decode them all


@dataclass(frozen=True, slots=True)
class Keyframe:
    """A frame chosen for analysis, with where it is in the video."""

    frame: int
    timecode: float
    rgb: NDArray[np.uint8]
    reason: str  # "first", "scene" or "interval"


@dataclass(slots=True)
class VideoScan:
    """What one decoding pass of a video produced."""

    keyframes: list[Keyframe] = field(default_factory=list)
    fingerprint: list[FrameHash] = field(default_factory=list)
    frames_decoded: int = 0  # frames actually decoded
    frames: int = 0  # frames of the stream up to the last one decoded (skipped frames counted)
    duration_s: float = 0.0
    damaged: str = ""  # set when decoding stopped early: what was decoded is kept, the rest was not seen


@dataclass(slots=True)
class _State:
    next_sample: float = 0.0
    next_second: int = 0
    last_key: float = -1e9
    last_time: float | None = None
    first_time: float | None = None  # a stream may start late (MPEG-TS): frames are counted from its first
    thumb: NDArray[np.float32] | None = None
    on_keyframe: Callable[[Keyframe], None] | None = None
    variants: tuple[int, ...] = QUERY_VARIANTS
    rate: float = 0.0  # the stream's frame rate (0: unknown)
    skip_nonref: bool = False
    announced_until: float = -1.0  # keyframes up to here were passed to on_keyframe by an earlier pass


class _TooSparse(Exception):
    """Skipping non-reference frames left a gap in time: the video is decoded again, every frame."""


def scan_video(
    path: Path,
    config: MediaConfig,
    *,
    keyframes: bool = True,
    on_keyframe: Callable[[Keyframe], None] | None = None,
    variants: Sequence[int] = QUERY_VARIANTS,
) -> VideoScan:
    """Decode once; keep keyframes (if asked) and PDQ hashes of each second's first frame (one per variant).

    `on_keyframe` is called with each keyframe as soon as it is chosen, so its checks can start while the
    rest of the video decodes.

    Frames no other frame refers to (most B-frames) are not decoded when `config.skip_nonref_frames`: the
    samples taken (4 a second for scene changes, one a second for hashes) then land on a neighbouring frame,
    a few hundredths of a second later, and decoding costs about half. A stream whose remaining frames lie
    more than SPARSE_GAP_S apart (an encoder that marks whole stretches as unreferenced) is decoded again
    with every frame; keyframes already passed to `on_keyframe` are not passed again.
    """
    first = _State(on_keyframe=on_keyframe, variants=tuple(variants), skip_nonref=config.skip_nonref_frames)
    try:
        return _scan(path, config, keyframes, first)
    except _TooSparse:
        again = _State(on_keyframe=on_keyframe, variants=tuple(variants), announced_until=first.last_key)
        return _scan(path, config, keyframes, again)


def _scan(path: Path, config: MediaConfig, keyframes: bool, state: _State) -> VideoScan:
    deadline = time.monotonic() + config.limits.decode_timeout_s
    scan = VideoScan()
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.video:
                raise MalformedMedia(f"{path.name}: the file holds no video stream")
            expected = _expected_seconds(container)
            for index, frame in _frames(container, state):
                number = _number(state, frame, index)
                _check_limits(path, config, frame, number, deadline)
                _visit(scan, state, config, frame, number, keyframes)
    except av.FFmpegError as exc:
        if scan.frames_decoded == 0:
            raise MalformedMedia(f"{path.name}: the video cannot be decoded ({exc})") from exc
        scan.damaged = f"the video is damaged after frame {scan.frames} ({exc})"
        return scan
    if scan.frames_decoded == 0:
        if state.skip_nonref:
            raise _TooSparse
        raise MalformedMedia(f"{path.name}: no video frame could be decoded")
    if expected > 2.0 and scan.duration_s < 0.9 * expected - 1.0:
        scan.damaged = f"the video is damaged or truncated: {scan.duration_s:.1f} s of {expected:.1f} s decoded"
    return scan


def _expected_seconds(container: av.container.InputContainer) -> float:
    return float(container.duration or 0) / 1_000_000


def _frames(container: av.container.InputContainer, state: _State) -> Iterator[tuple[int, VideoFrame]]:
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    rate = stream.average_rate or stream.guessed_rate
    state.rate = float(rate) if rate else 0.0
    if state.skip_nonref:
        stream.codec_context.skip_frame = "NONREF"
    yield from enumerate(container.decode(stream))


def _number(state: _State, frame: VideoFrame, index: int) -> int:
    """The frame's position in the stream (counted from its time when frames are skipped)."""
    if not state.skip_nonref or not state.rate:
        return index
    t = max(float(frame.time or 0.0), 0.0)
    if state.last_time is not None and t - state.last_time > max(SPARSE_GAP_S, 1.5 / state.rate):
        raise _TooSparse
    state.last_time = t
    state.first_time = t if state.first_time is None else state.first_time
    return max(index, round((t - state.first_time) * state.rate))


def _check_limits(path: Path, config: MediaConfig, frame: VideoFrame, index: int, deadline: float) -> None:
    limits = config.limits
    if index >= limits.max_frames:
        raise MediaTooLarge(f"{path.name}: more than {limits.max_frames} frames")
    if (frame.time or 0.0) > limits.max_duration_s:
        raise MediaTooLarge(f"{path.name}: longer than {limits.max_duration_s:.0f} s")
    if frame.width * frame.height > limits.max_pixels:
        raise MediaTooLarge(f"{path.name}: a frame of {frame.width}x{frame.height} is over the pixel limit")
    if time.monotonic() > deadline:
        raise DecodeTimeout(f"{path.name}: decoding took longer than {limits.decode_timeout_s:.0f} s")


def _visit(scan: VideoScan, state: _State, config: MediaConfig, frame: VideoFrame, number: int, keep: bool) -> None:
    t = max(float(frame.time or 0.0), 0.0)
    scan.frames_decoded += 1
    scan.frames = max(scan.frames, number + 1)
    scan.duration_s = max(scan.duration_s, t)
    if t >= state.next_second:
        second = int(t)
        rgb = _rgb(frame, 512)
        for variant in state.variants:
            scan.fingerprint.append(FrameHash(second, round(t, 3), number, pdq(crop(rgb, variant)), variant))
        state.next_second = second + 1
    if keep and t >= state.next_sample:
        state.next_sample = t + 1.0 / config.scene_sample_fps
        reason = _keyframe_reason(state, config, frame, t)
        if reason:
            key = Keyframe(number, round(t, 3), _rgb(frame, _KEYFRAME_MAX_SIDE), reason)
            scan.keyframes.append(key)
            state.last_key = t
            if state.on_keyframe is not None and t > state.announced_until:
                state.on_keyframe(key)


def _keyframe_reason(state: _State, config: MediaConfig, frame: VideoFrame, t: float) -> str:
    thumb = _thumb(frame)
    previous, state.thumb = state.thumb, thumb
    if previous is None:
        return "first"
    if float(np.abs(thumb - previous).mean()) / 255.0 >= config.scene_threshold:
        return "scene"
    return "interval" if t - state.last_key >= config.keyframe_max_gap_s else ""


def _thumb(frame: VideoFrame) -> NDArray[np.float32]:
    """A 64x36 colour thumbnail for telling scenes apart.

    Sampled at 4 frames a second, swscale's RGB thumbnails took about a millisecond each; most videos are
    4:2:0 YUV, whose planes are averaged down here by area and converted to RGB as swscale does (BT.601),
    in half the time. Each thumbnail pixel is the mean colour of its block of the frame.
    """
    if frame.format.name not in ("yuv420p", "yuvj420p") or frame.width < 4 * _THUMB[0]:
        return np.asarray(frame.reformat(width=_THUMB[0], height=_THUMB[1], format="rgb24").to_ndarray(), np.float32)
    y, u, v = (_shrink(frame, i) for i in range(3))
    u, v = u - 128.0, v - 128.0
    if frame.format.name == "yuv420p":  # limited range (16-235); yuvj420p is full range
        y = 1.164 * (y - 16.0)
    rgb = np.stack((y + 1.596 * v, y - 0.392 * u - 0.813 * v, y + 2.017 * u), axis=-1)
    return np.asarray(np.clip(rgb, 0.0, 255.0), dtype=np.float32)


def _shrink(frame: VideoFrame, index: int) -> NDArray[np.float32]:
    plane = frame.planes[index]
    rows = np.frombuffer(plane, dtype=np.uint8).reshape(plane.height, plane.line_size)[:, : plane.width]
    sampled = np.ascontiguousarray(rows)
    return np.asarray(cv2.resize(sampled, _THUMB, interpolation=cv2.INTER_AREA), dtype=np.float32)


def _rgb(frame: VideoFrame, max_side: int) -> NDArray[np.uint8]:
    scale = min(1.0, max_side / max(frame.width, frame.height))
    width, height = max(2, round(frame.width * scale)), max(2, round(frame.height * scale))
    return np.asarray(frame.reformat(width=width, height=height, format="rgb24").to_ndarray(), dtype=np.uint8)
