"""Text that copies right: the story's print PDF read back by pypdf and by poppler's pdftotext.

The contract (README, "Copying and searching"): the apostrophe extracts as
U+2019, ligatures as their letters, a hyphenation hyphen at a line end as
U+002D (which poppler and pdf.js join back), a real hyphen at a line end as
U+2010 HYPHEN (which they keep). ``searchable`` applies exactly that rule.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pikepdf
import pypdf
import pytest

LIGATURES = re.compile("[\ufb00-\ufb06]")
PRIVATE = re.compile("[\ue000-\uf8ff]")


def searchable(text: str) -> str:
    """One line of words: line-final U+002D joined away, line-final U+2010 kept as '-'.

    pypdf may see a space before a line-final hyphen (it leaves TJ adjustments
    out of its gap test), so spaces around it are dropped too.
    """
    text = re.sub(r"(?<=\w)[ \t]*-[ \t]*\n[ \t]*", "", text)
    text = re.sub("(?<=\\w)[ \t]*\u2010[ \t]*\n[ \t]*", "-", text)
    return " ".join(text.replace("\u2010", "-").split())


@pytest.fixture(scope="module")
def pypdf_text(story_pdf) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(story_pdf).pages)


@pytest.fixture(scope="module")
def poppler_text(story_pdf) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed: apt-get install poppler-utils"
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(story_pdf), "-"], capture_output=True, timeout=60, check=True
    )
    return done.stdout.decode("utf-8")


@pytest.fixture(params=["pypdf", "pdftotext"])
def extracted(request, pypdf_text, poppler_text) -> str:
    return pypdf_text if request.param == "pypdf" else poppler_text


def test_apostrophe_extracts_as_u2019(extracted, story_document):
    source = "".join(s.text for sec in story_document.sections for s in _spans(sec))
    assert source.count("\u2019") > 100
    assert "\u02bc" not in extracted
    assert extracted.count("\u2019") > 100
    assert "l\u2019histoire" in searchable(extracted).lower()


def test_ligatures_extract_as_letters(extracted, story_book):
    from layout_studio.layout.page import GlyphRun

    # The book really draws ligature glyphs (one glyph for "fi", "ff"...).
    drawn = {
        g.text
        for p in story_book.pages
        for r in p.items
        if isinstance(r, GlyphRun)
        for g in r.glyphs
        if len(g.text) > 1
    }
    assert drawn & {"fi", "fl", "ff", "ffi", "ffl"}
    assert not LIGATURES.search(extracted)
    assert not PRIVATE.search(extracted)
    assert "diffusion" in searchable(extracted)


def test_hard_hyphen_at_line_end_survives(extracted, story_book):
    # The word really is broken after its own hyphen in this book.
    lines = [ln.text for p in story_book.pages for ln in p.lines]
    assert any(t.rstrip().endswith("avant-") for t in lines)
    assert "avant-postes" in searchable(extracted)
    assert "avantpostes" not in searchable(extracted)


def test_hyphenation_hyphen_is_joined_back(extracted, story_book):
    # Every word the engine hyphenated is found whole once the documented rule is applied.
    words = []
    for page in story_book.pages:
        for line, following in zip(page.lines, page.lines[1:], strict=False):
            end = line.text.rstrip()
            if line.hyphenated and end.endswith("-") and not end.endswith("--"):
                head = re.findall(r"\w+-$", end)
                tail = re.findall(r"^\w+", following.text.lstrip())
                if head and tail and not _hard(head[0][:-1] + "-" + tail[0], story_book):
                    words.append(head[0][:-1] + tail[0])
    assert len(words) >= 5
    text = searchable(extracted)
    missing = [w for w in words if w not in text]
    assert not missing


def _hard(word: str, book) -> bool:
    return any(word in ln.text for p in book.pages for ln in p.lines) or word in _SOURCE_WORDS


_SOURCE_WORDS: set[str] = set()


@pytest.fixture(autouse=True, scope="module")
def _source_words(story_document):
    for sec in story_document.sections:
        for span in _spans(sec):
            _SOURCE_WORDS.update(re.findall(r"\w+-\w+", span.text))


def _spans(section):
    from layout_studio.model.document import Text

    for block in section.blocks():
        for span in getattr(block, "spans", ()):
            if isinstance(span, Text):
                yield span


def test_subset_tags_distinct_and_deterministic(story_pdf, story_book, tmp_path):
    from layout_studio.export.pdf import write_pdf

    def tags(path):
        with pikepdf.open(path) as pdf:
            names = set()
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    names.add(str(font.BaseFont)[1:])
            return names

    names = tags(story_pdf)
    assert len(names) >= 2
    for name in names:
        assert re.fullmatch(r"[A-Z]{6}\+\S+", name), name
    prefixes = [n.split("+")[0] for n in names]
    assert len(set(prefixes)) == len(prefixes), prefixes
    again = write_pdf(story_book, tmp_path / "again.pdf")
    assert tags(again) == names
    # The FontDescriptor names the same subset.
    with pikepdf.open(story_pdf) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                assert font.FontDescriptor.FontName == font.BaseFont
