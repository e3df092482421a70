"""Cut an edited text into chunks from the cuts of the text before the edit.

Takes the previous text's cut offsets and pieces (``markdown_chunks.chunk_starts``)
and the new text; gives the new text's cuts and pieces, the same as
``chunk_starts`` gives, finding cuts again only around the pieces the edit
changed: the pieces before and after it are the previous ones (the same string
objects). Gives None where that would not be sure (fenced code, a front matter
or the first pieces edited, a block attributes line reaching past the region
found again): the caller cuts the whole text then.
"""

from __future__ import annotations

import bisect
import itertools

from layout_studio.sources.markdown_chunks import _AFTER_ATTRS, _CUT


def recut(
    before: str, starts: list[int], pieces: list[str], text: str
) -> tuple[list[int], list[str]] | None:
    """``text``'s cuts and pieces, from ``before``'s (None: cut the whole text).

    ``before`` must hold no code fence (a fence changes the cuts after it).
    """
    if len(pieces) < 4:
        return None  # a carriage return, an unclear front matter: not cut
    # The first piece the edit touches (``k``), and the last one (``j``).
    same = _common_prefix(before, text)
    if same == len(before) == len(text):
        return list(starts), list(pieces)
    end_same = _common_suffix(before, text, min(len(before), len(text)) - same)
    typed = text[max(0, same - 2) : len(text) - end_same + 2]  # a fence may straddle it
    if "```" in typed or "~~~" in typed or "\r" in typed:
        return None
    k = bisect.bisect_right(starts, same) - 1
    j = bisect.bisect_left(starts, len(before) - end_same) - 1
    delta = len(text) - len(before)
    # A cut before the edit, past the front matter and the first line (``w0``), and the
    # second cut after it (the blank lines before that one are after the edit: ``w1``).
    if k < 2 or j + 2 >= len(pieces) or starts[j + 1] + delta < starts[k]:
        return None
    w0, w1 = starts[k - 1], starts[j + 2]
    end = w1 + delta  # in the new text
    cuts = [m.end() for m in _CUT.finditer(text, w0, end + 1) if m.end() > w0]
    if not cuts or cuts[-1] != end:
        return None
    # A block attributes line bars the cuts up to the next block (see ``chunk_starts``):
    # none before ``w0`` reaches past it (it is a cut, before the edit).
    barred = [False] * len(cuts)
    for m in _AFTER_ATTRS.finditer(text, w0 - 1):
        first, last = m.start() + 1, m.end() + 1  # as in "\n" + text
        if first >= end:
            break
        if first < end <= last:
            return None  # it reaches the previous cuts: cut the whole text
        for i in range(bisect.bisect_right(cuts, first), bisect.bisect_right(cuts, last)):
            barred[i] = True
    window = [at for at, no in zip(cuts, barred, strict=True) if not no]
    new_starts = [*starts[:k], *window, *(at + delta for at in starts[j + 3 :])]
    middle = [text[a:b] for a, b in itertools.pairwise(window)]
    new_pieces = [*pieces[: k - 1], text[w0 : window[0]], *middle, *pieces[j + 2 :]]
    return new_starts, new_pieces


def _common_prefix(a: str, b: str) -> int:
    """How many first characters ``a`` and ``b`` share (slices halved: compared in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, most: int) -> int:
    """How many last characters ``a`` and ``b`` share, ``most`` at most."""
    low, high = 0, most
    na, nb = len(a), len(b)
    while low < high:
        mid = (low + high + 1) // 2
        if a[na - mid : na - low] == b[nb - mid : nb - low]:
            low = mid
        else:
            high = mid - 1
    return low
