"""Split an mbox file into raw messages without holding the file in memory.

Handles the variants real clients write: mboxo / mboxrd (``>From`` quoting,
one level removed), Thunderbird and Apple Mail exports, Gmail Takeout, and
pipermail archives. A ``From `` line is a separator when it is the first line of
the file or carries an envelope date (``From sender Tue Jan  7 21:22:43 2020``),
so an unquoted "From here on..." in a body does not split a message.
``Content-Length`` (mboxcl2) is not trusted: a wrong value would swallow messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["iter_mbox", "mbox_ranges"]

MAX_MESSAGE_BYTES = 64 * 1024 * 1024

_ENVELOPE = re.compile(
    rb"^From \S+\s+.*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b.*\d{1,2}:\d{2}"
    rb"|^From \S+\s+\d{4}-\d{2}-\d{2}",
)
_QUOTED_FROM = re.compile(rb"^>+From ")


def iter_mbox(path: Path, start: int = 0,
              end: int | None = None) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield ``(offset, raw, size)`` per message; ``raw`` is None when too large.

    ``offset`` is the byte position of the message's ``From `` line. ``start``
    and ``end`` read only the messages whose separator lies in ``[start, end)``
    (ranges from :func:`mbox_ranges` start on a separator), so a large file can
    be read in parts that add up to the whole.
    """
    with open(path, "rb") as handle:
        handle.seek(start)
        lines: list[bytes] = []
        size = 0
        offset = start
        first = start
        started = False
        oversized = False
        for line in handle:
            if line.startswith(b"From ") and (offset == first or _ENVELOPE.match(line)):
                if end is not None and offset >= end:
                    break
                if started:
                    yield start, (None if oversized else _join(lines)), size
                started = True
                lines, size, oversized = [], 0, False
                start = offset
            else:
                if not started:
                    # Leading junk before the first separator is still an item.
                    started = True
                    start = offset
                size += len(line)
                if size > MAX_MESSAGE_BYTES:
                    if not oversized:
                        lines = []
                    oversized = True
                elif _QUOTED_FROM.match(line):
                    lines.append(line[1:])
                else:
                    lines.append(line)
            offset += len(line)
        if started:
            # a separator with nothing after it (an export cut short) is an item too:
            # the loader lists it as empty rather than dropping it unseen
            yield start, (None if oversized else _join(lines)), size


def _join(lines: list[bytes]) -> bytes:
    # The blank line before the next separator belongs to the mbox, not the message.
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    return b"".join(lines)


def mbox_ranges(path: Path, target_bytes: int) -> list[tuple[int, int | None]]:
    """Split an mbox file into byte ranges of about ``target_bytes``, cut at separators.

    Every cut is a line :func:`iter_mbox` would also take as a separator, so
    reading the ranges one after the other yields exactly the messages of the
    whole file, with the same offsets.
    """
    size = Path(path).stat().st_size
    cuts = [0]
    with open(path, "rb") as handle:
        target = target_bytes
        while target < size:
            handle.seek(target)
            position = target
            if target:
                position += len(handle.readline())  # finish the line we landed in
            found = None
            for line in handle:
                if line.startswith(b"From ") and _ENVELOPE.match(line):
                    found = position
                    break
                position += len(line)
            if found is None:
                break
            if found > cuts[-1]:
                cuts.append(found)
            target = max(found, target) + target_bytes
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], None], strict=True)]
