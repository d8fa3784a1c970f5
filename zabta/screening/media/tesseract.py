"""Tesseract in-process through its C API (libtesseract.so.5): models load once, calls run outside the GIL.

The command-line tool reloads a language's model on every call (a quarter to half a second for Urdu),
which made OCR the longest step of screening a video. The C API keeps one loaded engine per language set
and reads a picture in tens of milliseconds; ctypes releases the GIL during each call, so OCR overlaps
video decoding and the other picture checks. Words come back as the TSV output of the CLI gives them
(text, confidence, box), read with the same page segmentation mode.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

_RIL_WORD = 3
PSM_SINGLE_COLUMN = 4  # "--psm 4": a single column of text of variable sizes (a sheet of stacked lines)
_LIBRARY_NAMES = ("tesseract", "libtesseract.so.5")


class TesseractError(RuntimeError):
    """The Tesseract library or a language's data cannot be used."""


@dataclass(frozen=True, slots=True)
class Word:
    """One word Tesseract read: its text, mean character confidence (0-100) and box (left, top, width, height)."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]


@cache
def library() -> ctypes.CDLL:
    """The loaded libtesseract with the signatures used here; raises TesseractError when it is missing."""
    for name in _LIBRARY_NAMES:
        path = ctypes.util.find_library(name) if "." not in name else name
        if not path:
            continue
        try:
            return _declare(ctypes.CDLL(path))
        except OSError:
            continue
    raise TesseractError("the Tesseract library (libtesseract.so.5, Debian package libtesseract5) is not installed")


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    p, i, c, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_float
    signatures: dict[str, tuple[type | None, list[type]]] = {
        "TessVersion": (c, []),
        "TessBaseAPICreate": (p, []),
        "TessBaseAPIDelete": (None, [p]),
        "TessBaseAPIInit3": (i, [p, c, c]),
        "TessBaseAPISetPageSegMode": (None, [p, i]),
        "TessBaseAPISetImage": (None, [p, p, i, i, i, i]),
        "TessBaseAPIRecognize": (i, [p, p]),
        "TessBaseAPIGetIterator": (p, [p]),
        "TessBaseAPIClear": (None, [p]),
        "TessBaseAPISetVariable": (i, [p, c, c]),
        "TessBaseAPIGetAvailableLanguagesAsVector": (p, [p]),
        "TessResultIteratorNext": (i, [p, i]),
        "TessResultIteratorGetUTF8Text": (p, [p, i]),  # a pointer, not c_char_p: it must be freed by Tesseract
        "TessResultIteratorConfidence": (f, [p, i]),
        "TessResultIteratorGetPageIteratorConst": (p, [p]),
        "TessResultIteratorDelete": (None, [p]),
        "TessPageIteratorBoundingBox": (i, [p, i, ctypes.POINTER(i), ctypes.POINTER(i), ctypes.POINTER(i), ctypes.POINTER(i)]),
        "TessDeleteText": (None, [p]),
        "TessDeleteTextArray": (None, [p]),
        "TessMonitorCreate": (p, []),
        "TessMonitorDelete": (None, [p]),
        "TessMonitorSetDeadlineMSecs": (None, [p, i]),
    }  # fmt: skip
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


def version() -> str:
    raw = library().TessVersion()
    return raw.decode() if isinstance(raw, bytes) else ""


@cache
def installed_languages() -> frozenset[str]:
    """Language data Tesseract finds in its default tessdata folder."""
    lib = library()
    handle = lib.TessBaseAPICreate()
    try:
        if lib.TessBaseAPIInit3(handle, None, b"osd") != 0 and lib.TessBaseAPIInit3(handle, None, b"eng") != 0:
            return frozenset()
        array = lib.TessBaseAPIGetAvailableLanguagesAsVector(handle)
        names = ctypes.cast(array, ctypes.POINTER(ctypes.c_char_p))
        found: set[str] = set()
        index = 0
        while names[index] is not None:
            found.add(names[index].decode())
            index += 1
        lib.TessDeleteTextArray(array)
        return frozenset(found)
    finally:
        lib.TessBaseAPIDelete(handle)


class Engine:
    """One initialised Tesseract for a language set ("urd+snd"); calls are serialised (an engine is not
    thread-safe), different engines run in parallel."""

    def __init__(self, languages: str) -> None:
        self.languages = languages
        self._lib = library()
        self._lock = threading.Lock()
        self._handle = self._lib.TessBaseAPICreate()
        if self._lib.TessBaseAPIInit3(self._handle, None, languages.encode()) != 0:
            handle, self._handle = self._handle, None  # deleted once, here, not again by __del__
            self._lib.TessBaseAPIDelete(handle)
            raise TesseractError(f"Tesseract cannot load the language data {languages!r}")
        # Its progress notes ("Estimating resolution as ...") would otherwise go to this process's stderr.
        self._lib.TessBaseAPISetVariable(self._handle, b"debug_file", b"/dev/null")

    def words(self, gray: NDArray[np.uint8], psm: int = PSM_SINGLE_COLUMN, timeout_s: float = 60.0) -> list[Word]:
        """Every non-empty word in an 8-bit grey picture; raises TesseractError past `timeout_s`."""
        image = np.ascontiguousarray(gray, dtype=np.uint8)
        if image.ndim != 2 or not image.size:
            raise ValueError("Tesseract reads 8-bit grey pictures (two dimensions, not empty)")
        height, width = image.shape
        with self._lock:
            lib, handle = self._lib, self._handle
            lib.TessBaseAPISetPageSegMode(handle, psm)
            lib.TessBaseAPISetImage(handle, image.ctypes.data, width, height, 1, width)
            monitor = lib.TessMonitorCreate()
            try:
                lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout_s * 1000)))
                if lib.TessBaseAPIRecognize(handle, monitor) != 0:
                    raise TesseractError(f"Tesseract ({self.languages}) failed or ran past {timeout_s:.0f} s")
                return list(self._iterate())
            finally:
                lib.TessMonitorDelete(monitor)
                lib.TessBaseAPIClear(handle)

    def _iterate(self) -> Iterator[Word]:
        lib = self._lib
        iterator = lib.TessBaseAPIGetIterator(self._handle)
        if not iterator:
            return
        try:
            page = lib.TessResultIteratorGetPageIteratorConst(iterator)
            while True:
                word = self._word(iterator, page)
                if word is not None:
                    yield word
                if not lib.TessResultIteratorNext(iterator, _RIL_WORD):
                    break
        finally:
            lib.TessResultIteratorDelete(iterator)

    def _word(self, iterator: int, page: int) -> Word | None:
        lib = self._lib
        raw = lib.TessResultIteratorGetUTF8Text(iterator, _RIL_WORD)
        if not raw:
            return None
        try:
            text = (ctypes.string_at(raw) or b"").decode("utf-8", errors="replace").strip()
        finally:
            lib.TessDeleteText(raw)
        if not text:
            return None
        box = [ctypes.c_int() for _ in range(4)]
        lib.TessPageIteratorBoundingBox(page, _RIL_WORD, *(ctypes.byref(v) for v in box))
        left, top, right, bottom = (v.value for v in box)
        confidence = float(lib.TessResultIteratorConfidence(iterator, _RIL_WORD))
        return Word(text, confidence, (left, top, right - left, bottom - top))

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._lib.TessBaseAPIDelete(handle)


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def engine(languages: str) -> Engine:
    """The process's engine for `languages` (loading a model takes a moment; it is kept for the next call)."""
    with _ENGINES_LOCK:
        if languages not in _ENGINES:
            _ENGINES[languages] = Engine(languages)
        return _ENGINES[languages]
