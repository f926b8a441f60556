"""Parallel sentences from SWORD Bible modules (Debian's ``sword-text-*`` packages), aligned by verse.

A SWORD ``zText`` module keeps each testament in three files: ``.bzz`` holds zlib-compressed
blocks of OSIS-marked text, ``.bzs`` says where each block is (offset, compressed size,
uncompressed size: three little-endian uint32), and ``.bzv`` gives one entry per slot of the
versification (block number and offset: uint32, size: uint16). The slots run in canonical order:
two header slots, then for each book a heading slot, and for each chapter a heading slot followed
by its verses. Two modules with the same versification (both KJV here) therefore align slot by
slot, which is what makes them a parallel corpus. The structure (which slot is a book or chapter
heading) is read from the ``<div type="book" osisID=...>`` and ``<chapter osisID=...>`` marks,
and must be the same in both modules.
"""

from __future__ import annotations

import functools
import html
import re
import struct
import zlib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from utils.data.parsers import FilesKey, files_key, files_of

KJV_FOLDER = "usr/share/sword/modules/texts/ztext/engKJV2006eb"
RV1909_FOLDER = "usr/share/sword/modules/texts/ztext/spaRV1909eb"
ZTEXT_FILES = tuple(f"{testament}.{suffix}" for testament in ("ot", "nt") for suffix in ("bzs", "bzv", "bzz"))

_NOTE = re.compile(r"<note\b[^>]*>.*?</note>", re.DOTALL)
# Headings are dropped, except the psalms' own titles ("A Psalm of David..."), which the Spanish
# text has as the start of verse 1.
_TITLE = re.compile(r'<title\b(?![^>]*type="psalm")[^>]*>.*?</title>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_DIV = re.compile(r"<div\b[^>]*>")
_CHAPTER_TAG = re.compile(r"<chapter\b[^>]*>")
_OSIS_ID = re.compile(r'\bosisID="(?P<id>[^"]+)"')
_BOOK_NAME = re.compile(r'<milestone\b[^>]*\bn="(?P<name>[^"]+)"[^>]*\btype="x-usfm-h"')
_SPACES = re.compile(r"\s+")
_SHOUTED_START = re.compile(r"^(?P<shouted>(?:[^\W\d_a-z]+\s+)*[^\W\d_a-z]{2,})(?=\W|$)")


def read_ztext(folder: Mapping[str, Path], testament: str) -> list[str]:
    """Every slot of one testament of a zText module, as its raw OSIS text (``""`` when empty)."""
    index = folder[f"{testament}.bzs"].read_bytes()
    verses = folder[f"{testament}.bzv"].read_bytes()
    compressed = folder[f"{testament}.bzz"].read_bytes()
    blocks = []
    for offset, size, expected in struct.iter_unpack("<III", index):
        block = zlib.decompress(compressed[offset : offset + size])
        if len(block) != expected:
            raise ValueError(f"{testament}.bzz: a block inflates to {len(block)} bytes instead of {expected}")
        blocks.append(block)
    return [
        blocks[block][start : start + size].decode("utf-8") if size else ""
        for block, start, size in struct.iter_unpack("<IIH", verses)
    ]


_SPACE_BEFORE = re.compile(r" (?=[,.;:!?)\]])|(?<=[(¡¿]) ")
_SLOT_END = "\x00"


def plain_texts(fragments: list[str]) -> list[str]:
    """The words of each OSIS fragment: notes and headings dropped, markup removed, spaces squeezed.

    The fragments are cleaned as one string (a few regular-expression passes instead of a few
    per verse); every element that is dropped whole opens and closes within one verse.
    """
    text = _SLOT_END.join(fragments)
    text = _TAG.sub(" ", _TITLE.sub(" ", _NOTE.sub(" ", text)))
    text = html.unescape(text).replace("\u00b6", " ")  # no pilcrows (¶)
    text = _SPACE_BEFORE.sub("", _SPACES.sub(" ", text))
    cleaned = [fragment.strip() for fragment in text.split(_SLOT_END)]
    if len(cleaned) != len(fragments):
        raise ValueError("an OSIS element spans two verses; the text cannot be split back into verses")
    return cleaned


def _soften_capitals(text: str) -> str:
    """``EN el principio`` -> ``En el principio``: chapters open with their first words in capitals."""
    match = _SHOUTED_START.match(text)
    if not match:
        return text
    shouted = match.group("shouted")
    return shouted[0] + shouted[1:].lower() + text[len(shouted) :]


def _opening(tags: re.Pattern[str], slot: str, kind: str | None = None) -> str | None:
    """The ``osisID`` of the first tag in ``slot`` that opens a book (a ``div``) or a chapter."""
    for match in tags.finditer(slot):
        tag = match.group(0)
        if 'sID="' in tag and (kind is None or f'type="{kind}"' in tag):
            found = _OSIS_ID.search(tag)
            if found:
                return found.group("id")
    return None


def _structure(slots: list[str]) -> list[tuple[str, int, int] | None]:
    """For each slot: ``(book id, chapter, verse)``, or None for a heading or header slot."""
    layout: list[tuple[str, int, int] | None] = [None, None]  # module and testament headers
    book, chapter, verse = "", 0, 0
    for slot in slots[2:]:
        chapter_id = _opening(_CHAPTER_TAG, slot)
        book_id = _opening(_DIV, slot, kind="book")
        if chapter_id is not None:
            book, number = chapter_id.rsplit(".", 1)
            chapter, verse = int(number), 0
            layout.append(None)
        elif book_id is not None:
            book, chapter = book_id, 0
            layout.append(None)
        else:
            verse += 1
            layout.append((book, chapter, verse))
    return layout


def _book_names(slots: list[str]) -> dict[str, str]:
    names = {}
    for slot in slots:
        book_id, name = _opening(_DIV, slot, kind="book"), _BOOK_NAME.search(slot)
        if book_id and name:
            names[book_id] = name.group("name")
    return names


def parse_bible_en_es(files: Mapping[str, Path], max_words: int | None) -> pd.DataFrame:
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise ValueError(f"max_words must be None or a positive int, got {max_words!r}")
    frame = _all_pairs(files_key(files))
    if max_words is not None:
        lengths = frame[["english", "spanish"]].apply(lambda column: column.str.split().str.len())
        frame = frame[(lengths["english"] <= max_words) & (lengths["spanish"] <= max_words)]
    return frame.reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _all_pairs(key: FilesKey) -> pd.DataFrame:
    """Every verse pair (kept, so that each ``max_words`` only filters)."""
    files = files_of(key)

    def module(folder: str) -> dict[str, Path]:
        return {name: files[f"{folder}/{name}"] for name in ZTEXT_FILES}

    english_files, spanish_files = module(KJV_FOLDER), module(RV1909_FOLDER)
    rows = []
    for testament in ("ot", "nt"):
        english, spanish = read_ztext(english_files, testament), read_ztext(spanish_files, testament)
        layout = _structure(english)
        if len(english) != len(spanish) or layout != _structure(spanish):
            raise ValueError(f"the English and Spanish modules do not share one versification ({testament})")
        names = _book_names(english)
        english_plain, spanish_plain = plain_texts(english), plain_texts(spanish)
        for slot, reference in enumerate(layout):
            if reference is None:
                continue
            book, chapter, verse = reference
            english_text, spanish_text = english_plain[slot], spanish_plain[slot]
            if verse == 1:
                spanish_text = _soften_capitals(spanish_text)
            rows.append(
                {
                    "book": names.get(book, book),
                    "chapter": chapter,
                    "verse": verse,
                    "english": english_text,
                    "spanish": spanish_text,
                }
            )
    frame = pd.DataFrame(rows)
    frame = frame[(frame["english"] != "") & (frame["spanish"] != "")].reset_index(drop=True)
    frame[["chapter", "verse"]] = frame[["chapter", "verse"]].astype("int64")
    return frame
