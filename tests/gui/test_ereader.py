"""The e-reader preview breaks lines as a reading system would.

It shows the EPUB's own XHTML and CSS in Qt rich text at phone and tablet
sizes. Qt breaks lines at U+202F and cannot hyphenate; the preview makes up
for both, so no line starts with the punctuation French spacing keeps
attached, and long words are hyphenated when the EPUB asks readers to.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QFont, QTextDocument

from layout_studio.gui.ereader import keep_narrow_spaces, reader_content
from layout_studio.session import build, open_file
from tests.conftest import BOOK_TOML

NO_LINE_START = ("!", "?", ";", ":", "»")


def _lines(doc: QTextDocument) -> list[str]:
    doc.documentLayout().documentSize()  # lay it out now
    out = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return out


@pytest.fixture(scope="module")
def opened():
    return open_file(BOOK_TOML)


@pytest.fixture(scope="module")
def story(opened):
    return build(opened.text, opened.settings, BOOK_TOML.parent)


def _reader_lines(qapp, html: str, css: str, width: int) -> list[str]:
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Serif", 11))
    doc.setDefaultStyleSheet(css)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return _lines(doc)


def test_qt_alone_would_break_at_narrow_spaces_the_preview_does_not(qapp, story):
    html, css = reader_content(story)
    assert "\u202f" in html and 'white-space: nowrap">' in html
    raw = html.replace('<span style="white-space: nowrap">', "<span>")
    for width in (320, 728):  # phone and tablet text widths
        fixed = [line.lstrip("\u202f\u00a0 ") for line in _reader_lines(qapp, html, css, width)]
        assert len(fixed) > 150
        assert not [line for line in fixed if line.startswith(NO_LINE_START)]
    broken = [
        line
        for width in range(300, 340, 4)
        for line in _reader_lines(qapp, raw, css, width)
        if line.lstrip("\u202f\u00a0 ").startswith(NO_LINE_START)
    ]
    assert broken  # the Qt limitation this preview works around is real


def test_hyphenation_follows_the_epub(qapp, opened, story):
    html, css = reader_content(story)
    assert "hyphens: auto" in css
    lines = _reader_lines(qapp, html, css, 320)
    assert sum(1 for line in lines if line.endswith("\u00ad")) >= 5  # hyphenated at line ends
    off = opened.settings.with_override("hyphenation", "enabled", False)
    html_off, _css = reader_content(build(opened.text, off, BOOK_TOML.parent))
    assert "\u00ad" not in html_off
    # The project's soft hyphens are in the EPUB itself, whatever the CSS says.
    html_soft, _css = reader_content(build(opened.text, off, BOOK_TOML.parent), True)
    assert "\u00ad" in html_soft


def test_keep_narrow_spaces_leaves_tags_and_other_text_alone():
    html = "<p>«\u202fcitation\u202f» et <em>exacte</em>\u202f! fin</p>"
    out = keep_narrow_spaces(html)
    assert out == (
        '<p><span style="white-space: nowrap">«\u202fcitation\u202f»</span> et '
        '<em>exacte</em><span style="white-space: nowrap">\u202f!</span> fin</p>'
    )


def test_window_shows_the_reader_at_phone_and_tablet_size(qtbot, window):
    w = window
    assert w.open_path(BOOK_TOML)
    qtbot.waitUntil(lambda: w.build is not None and not w.worker.running, timeout=20000)
    w.act_reader.trigger()
    assert w.views.currentIndex() == 1
    for index, width in ((0, 360), (1, 768)):
        w.device.setCurrentIndex(index)
        assert w.reader.width() == width
        lines = [line.lstrip("\u202f\u00a0 ") for line in _lines(w.reader.document())]
        text = w.reader.toPlainText().replace("\u00ad", "")
        assert "Il était une fois un Community Manager… qui vivait" in text
        assert not [line for line in lines if line.startswith(NO_LINE_START)]
        assert any(line.endswith("\u00ad") for line in lines)


def test_english_passages_and_small_capitals_as_the_epub_has_them(qapp, opened):
    """English words get English soft hyphens; a century's numeral shows in small capitals."""
    from PySide6.QtGui import QFont as _QFont

    text = opened.text.rstrip() + (
        "\n\nAu XXIe siècle, une [incomprehensible characterization]{lang=en} "
        "circule partout. (Alice)\n"
    )
    html, css = reader_content(build(text, opened.settings, BOOK_TOML.parent))
    assert "in\u00adcom\u00adpre\u00adhen\u00adsi\u00adble" in html  # English patterns
    doc = QTextDocument()
    doc.setDefaultStyleSheet(css)
    doc.setHtml(html)
    small = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            caps = fragment.charFormat().fontCapitalization()
            if caps == _QFont.Capitalization.SmallCaps:
                small.append(fragment.text())
            it += 1
        block = block.next()
    assert "xxi" in small  # Qt has no all-small-caps: lower case in small caps looks the same
