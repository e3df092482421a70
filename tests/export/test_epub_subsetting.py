"""The EPUB's font subsets, made faster (``export.epub.subsetting``), are fontTools' own bytes.

The quick way (lazy reading, feature names found from the features' parameters)
is compared with fontTools' plain way on the bundled themes' faces, one with
name records the kept features refer to (the sans: stylistic set names) and
one without.
"""

from __future__ import annotations

import pytest

from layout_studio.export.epub.subsetting import feature_name_ids, make_subset
from layout_studio.style.theme import load_theme
from tests.conftest import ROOT

STORY = ROOT / "examples" / "cmad" / "cmad-story-source.txt"


def _faces() -> dict[str, object]:
    faces = {}
    for name in ("classique", "moderne"):
        for path in load_theme(name).font_files():
            faces.setdefault(path.name, path)
    return faces


@pytest.mark.parametrize("face", ["SourceSerifPro-Regular.ttf", "SourceSansPro-Regular.ttf"])
def test_the_quick_subset_is_fonttools_own(face: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # head.modified: the same in both
    path = _faces()[face]
    text = "".join(sorted(set(STORY.read_text(encoding="utf-8")))) + "\u00a0\u202f"
    data = path.read_bytes()  # type: ignore[attr-defined]
    assert make_subset(data, text) == make_subset(data, text, quick=False)


def test_feature_names_are_those_the_visitor_finds() -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._n_a_m_e import NameRecordVisitor

    found_high = False
    for path in _faces().values():
        font = TTFont(str(path), lazy=True)
        visitor = NameRecordVisitor()
        visitor.visit(font)
        assert feature_name_ids(font) == visitor.seen, path
        found_high |= any(n >= 256 for n in visitor.seen)
    assert found_high  # some face names its features: the test compares something
