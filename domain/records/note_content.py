"""A clinical note's body as Nutshell can hold it: plain text, and the images it embedded.

HTML becomes text with html2text (emphasis dropped, no wrapping) after BeautifulSoup has
taken its `<img>` elements out; RTF becomes text with striprtf after its `{\\pict ...}` groups
have been taken out. Each image is named in the text where it stood (`[Image 1: image-1.png]`)
and becomes a file: a `data:` URI's bytes (decoded by the standard library's data-URL
handler, which never touches the network), an RTF picture's hex bytes, or a file of the export
named by a relative `src`. Remote images (`http:`...) are named, not fetched.
"""

from __future__ import annotations

import hashlib
import urllib.request
from dataclasses import dataclass
from typing import Any

import html2text
from bs4 import BeautifulSoup
from striprtf.striprtf import rtf_to_text

_MIME_EXT = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/bmp": "bmp",
             "image/svg+xml": "svg", "image/webp": "webp", "image/x-emf": "emf",
             "image/x-wmf": "wmf"}
_RTF_BLIPS = {"\\pngblip": "image/png", "\\jpegblip": "image/jpeg", "\\emfblip": "image/x-emf",
              "\\wmetafile": "image/x-wmf"}


@dataclass(frozen=True)
class InlineImage:
    index: int  # 1-based, in order of appearance
    name: str
    mime: str
    data: bytes | None = None  # embedded bytes
    path: str | None = None  # a file of the export
    remote: bool = False  # an address on the web: named, not moved

    def meta(self, kind: str, source_id: str) -> dict[str, Any]:
        """What an upload step carries: never the bytes (they stay in the record)."""
        out: dict[str, Any] = {"name": self.name, "mime": self.mime}
        if self.data is not None:
            out.update(inline=[kind, source_id, self.index], size=len(self.data),
                       sha256=hashlib.sha256(self.data).hexdigest())
        else:
            out.update(path=self.path, size=None, sha256="")
        return out


def kind_of(body: str) -> str:
    head = body.lstrip()[:200].lower()
    if head.startswith("{\\rtf"):
        return "rtf"
    if "<" in body and BeautifulSoup(body[:100_000], "html.parser").find() is not None:
        return "html"
    return "text"


def parse_note(body: str) -> tuple[str, list[InlineImage]]:
    """(plain text, images) of a note body; plain text passes through unchanged."""
    kind = kind_of(body)
    if kind == "rtf":
        return _rtf(body)
    if kind == "html":
        return _html(body)
    return body, []


def _label(image: InlineImage) -> str:
    where = " (on the web, not moved)" if image.remote else ""
    return f"[Image {image.index}: {image.name}{where}]"


def _html(body: str) -> tuple[str, list[InlineImage]]:
    soup = BeautifulSoup(body, "html.parser")
    images: list[InlineImage] = []
    for tag in soup.find_all("img"):
        src = str(tag.get("src") or "").strip()
        index = len(images) + 1
        image = _from_src(src, index)
        if image is not None:
            images.append(image)
            tag.replace_with(soup.new_string(f" {_label(image)} "))
        else:
            tag.decompose()
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_emphasis = True
    converter.ignore_images = True
    converter.ignore_links = False
    text = converter.handle(str(soup))
    return "\n".join(line.rstrip() for line in text.strip().splitlines()), images


def _from_src(src: str, index: int) -> InlineImage | None:
    if not src:
        return None
    if src.lower().startswith("data:"):
        try:
            with urllib.request.urlopen(src) as handle:  # noqa: S310 - data: URLs only
                data = handle.read()
                mime = handle.headers.get_content_type()
        except (ValueError, OSError):
            return None
        return InlineImage(index, f"image-{index}.{_MIME_EXT.get(mime, 'bin')}", mime, data)
    if "://" in src or src.startswith("//"):
        name = src.rsplit("/", 1)[-1].split("?", 1)[0] or f"image-{index}"
        return InlineImage(index, name, _mime_of(name), remote=True)
    name = src.replace("\\", "/").rsplit("/", 1)[-1]
    return InlineImage(index, name, _mime_of(name), path=src)


def _mime_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    found = {v: k for k, v in _MIME_EXT.items()}.get("jpg" if ext == "jpeg" else ext)
    return found or "application/octet-stream"


def _rtf(body: str) -> tuple[str, list[InlineImage]]:
    """Picture groups out (each named in the text), then striprtf for the rest."""
    images: list[InlineImage] = []
    out: list[str] = []
    position = 0
    while True:
        start = body.find("{\\pict", position)
        if start < 0:
            out.append(body[position:])
            break
        end = _group_end(body, start)
        out.append(body[position:start])
        image = _picture(body[start:end], len(images) + 1)
        if image is not None:
            images.append(image)
            out.append(" " + _label(image) + " ")
        position = end
    text = rtf_to_text("".join(out))
    return "\n".join(line.rstrip() for line in text.strip().splitlines()), images


def _group_end(body: str, start: int) -> int:
    """The index after the brace closing the group opened at `start` (escapes honoured)."""
    depth, i = 0, start
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(body)


def _picture(group: str, index: int) -> InlineImage | None:
    mime = next((m for word, m in _RTF_BLIPS.items() if word in group), None)
    if mime is None:
        return None
    # The picture's bytes are the hex digits after its last control word.
    inner = group[1:-1]
    tail = inner.rsplit("\\", 1)[-1]
    hex_part = tail.split(" ", 1)[1] if " " in tail else tail.split("\n", 1)[-1]
    digits = "".join(c for c in hex_part if c in "0123456789abcdefABCDEF")
    if len(digits) < 2 or len(digits) % 2:
        return None
    data = bytes.fromhex(digits)
    return InlineImage(index, f"image-{index}.{_MIME_EXT[mime]}", mime, data)
