"""Assets are what they claim to be: raster images of an allowed type, of a size that can be decoded.

Only PNG, JPEG, GIF and WebP are allowed, named by their extension. The first
bytes must be that type's magic number, and the pixel size is read from the
type's own header without decoding anything (PNG IHDR, JPEG SOF, GIF logical
screen, WebP VP8/VP8L/VP8X), so a small file that would decode to gigabytes is
refused before any decoder sees it. The viewer then decodes an asset by its
declared type only (:func:`qt_format`), never by sniffing its content: a
``.png`` that holds SVG, PDF or TIFF is not a PNG and shows nothing. SVG is
refused outright (it can reference files and other documents).

This module is Qt-free; the viewer asks :class:`PixelBudget` what it may
decode for one chapter.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from reader.core.errors import UnsafeAssetError

# Extension -> type. Anything else under assets/ is refused.
ASSET_TYPES: dict[str, str] = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}
# Extensions refused with their own reason (a person is likely to try them).
REFUSED_TYPES: dict[str, str] = {
    ".svg": "SVG images are not allowed (an SVG can reference local files and other documents)",
    ".svgz": "SVG images are not allowed (an SVG can reference local files and other documents)",
}
# The decoder name Qt's image reader uses for each type.
_QT_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),  # and "WEBP" at offset 8, checked below
}


# PNG, GIF and WebP say their type and pixel size in their first 30 bytes; a JPEG's frame
# header can come after any amount of metadata, so a JPEG is always checked whole.
IMAGE_HEADER_BYTES = 64
_HEADER_KINDS = ("png", "gif", "webp")


def header_suffices(name: str, size: int) -> bool:
    """Whether :func:`image_info` decides on the first IMAGE_HEADER_BYTES of asset ``name``
    (of ``size`` bytes) exactly as on the whole file. An unknown type: no (checked whole,
    where image_info names the problem)."""
    dot = name.rfind(".")
    kind = ASSET_TYPES.get(name[dot:].lower() if dot > name.rfind("/") else "")
    return kind in _HEADER_KINDS or (kind is not None and size <= IMAGE_HEADER_BYTES)


@dataclass(frozen=True)
class ImageLimits:
    """Caps on decoded images. Pixels decode to 4 bytes each (32-bit RGBA)."""

    max_image_pixels: int = 16_000_000  # one image: 64 MB decoded
    max_image_side: int = 16_384  # width or height, pixels
    max_chapter_pixels: int = 40_000_000  # all images one chapter shows: 160 MB decoded
    max_asset_bytes: int = 32 * 1024 * 1024  # one asset file


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # png, jpeg, gif, webp
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def asset_type(name: str) -> str:
    """The declared type of ``assets/<name>`` from its extension. Raises UnsafeAssetError."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > name.rfind("/") else ""
    if suffix in REFUSED_TYPES:
        raise UnsafeAssetError(f"{name}: {REFUSED_TYPES[suffix]}", code="asset-type", asset=name, suffix=suffix)
    if suffix not in ASSET_TYPES:
        raise UnsafeAssetError(
            f"{name}: assets must be PNG, JPEG, GIF or WebP images ({', '.join(ASSET_TYPES)})",
            code="asset-type", asset=name, suffix=suffix,
        )
    return ASSET_TYPES[suffix]


def qt_format(name: str) -> str:
    """The decoder Qt must use for an asset, from its declared type (never from its content)."""
    return _QT_FORMATS[asset_type(name)]


def _bad(name: str, kind: str, problem: str) -> UnsafeAssetError:
    return UnsafeAssetError(f"{name} is not a valid {kind.upper()} image: {problem}", code="asset-content", asset=name, kind=kind)


def _png_size(name: str, data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR" or struct.unpack(">I", data[8:12])[0] != 13:
        raise _bad(name, "png", "the first chunk is not IHDR")
    return struct.unpack(">II", data[16:24])


# SOF markers with the frame size (C4 DHT, C8 JPG and CC DAC are not frames).
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg_size(name: str, data: bytes) -> tuple[int, int]:
    pos = 2
    while True:
        start = pos
        while pos < len(data) and data[pos] == 0xFF:  # a marker, after any fill bytes
            pos += 1
        if pos >= len(data) or pos == start:
            raise _bad(name, "jpeg", "no frame header where a marker should be")
        marker = data[pos]
        pos += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA):  # end of image, or scan data before any frame header
            raise _bad(name, "jpeg", "no frame header before the image data")
        if pos + 2 > len(data):
            raise _bad(name, "jpeg", "a segment is cut off")
        length = struct.unpack(">H", data[pos : pos + 2])[0]
        if length < 2 or pos + length > len(data):
            raise _bad(name, "jpeg", "a segment is cut off")
        if marker in _JPEG_SOF:
            if length < 7:
                raise _bad(name, "jpeg", "the frame header is too short")
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            return width, height
        pos += length


def _gif_size(name: str, data: bytes) -> tuple[int, int]:
    if len(data) < 13:
        raise _bad(name, "gif", "the screen descriptor is cut off")
    return struct.unpack("<HH", data[6:10])


def _webp_size(name: str, data: bytes) -> tuple[int, int]:
    if len(data) < 16 or data[8:12] != b"WEBP":
        raise _bad(name, "webp", "not a RIFF WEBP file")
    chunk = data[12:16]
    if len(data) < {b"VP8 ": 30, b"VP8L": 25, b"VP8X": 30}.get(chunk, 16):
        raise _bad(name, "webp", "the first chunk is cut off")
    if chunk == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            raise _bad(name, "webp", "the VP8 frame has no start code")
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        if data[20] != 0x2F:
            raise _bad(name, "webp", "the VP8L stream has no signature")
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise _bad(name, "webp", f"unknown first chunk {chunk!r}")


_SIZE_READERS = {"png": _png_size, "jpeg": _jpeg_size, "gif": _gif_size, "webp": _webp_size}


def image_info(name: str, data: bytes, limits: ImageLimits = ImageLimits(), *, size: int | None = None) -> ImageInfo:
    """Check one asset: allowed type, the magic number of that type, a size within the caps.

    ``data`` is the file, or (when :func:`header_suffices`) its first IMAGE_HEADER_BYTES with
    the file's ``size``. Raises UnsafeAssetError naming the asset and the problem.
    """
    kind = asset_type(name)
    size = len(data) if size is None else size
    if size > limits.max_asset_bytes:
        raise UnsafeAssetError(
            f"{name} is {size} bytes; an image may be at most {limits.max_asset_bytes} bytes",
            code="asset-too-large", asset=name, size=size, limit=limits.max_asset_bytes,
        )
    if not data.startswith(_MAGIC[kind]):
        raise UnsafeAssetError(
            f"{name} is named as a {kind.upper()} image, but its content is not {kind.upper()}",
            code="asset-content", asset=name, kind=kind,
        )
    width, height = _SIZE_READERS[kind](name, data)
    if not width or not height:
        raise _bad(name, kind, "width or height is 0")
    info = ImageInfo(kind, width, height)
    if width > limits.max_image_side or height > limits.max_image_side or info.pixels > limits.max_image_pixels:
        raise UnsafeAssetError(
            f"{name} is {width} x {height} pixels; an image may be at most {limits.max_image_side} pixels wide or "
            f"high and {limits.max_image_pixels} pixels in all",
            code="asset-too-large", asset=name, width=width, height=height,
        )
    return info


class PixelBudget:
    """What one chapter may still decode: each asset counted once, the total capped."""

    def __init__(self, limits: ImageLimits = ImageLimits()) -> None:
        self.limits = limits
        self.used = 0
        self._seen: set[str] = set()

    def admit(self, name: str, data: bytes) -> bool:
        """True if ``name`` is a valid image and fits in what is left; counts it if so."""
        try:
            info = image_info(name, data, self.limits)
        except UnsafeAssetError:
            return False
        if name in self._seen:
            return True
        if self.used + info.pixels > self.limits.max_chapter_pixels:
            return False
        self._seen.add(name)
        self.used += info.pixels
        return True
