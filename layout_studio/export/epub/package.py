"""Document model + typeset book → an EPUB 3 file (with EPUB 2 NCX), via ebooklib.

Takes the corrected ``Document``, its ``Theme``, the ``TypesetDocument``
(for print page numbers), an optional cover image and options; gives the
EPUB's bytes, reproducible for a given ``SOURCE_DATE_EPOCH``, and warnings.
ebooklib assembles the package (OPF, manifest, spine, NCX); this module
writes the content documents and the nav itself, then stores the ZIP with
fixed timestamps and ``mimetype`` first and uncompressed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ebooklib import epub

from layout_studio import __version__
from layout_studio.export.cover import CoverImage, decoded, default_byline, front_cover_page
from layout_studio.export.epub.conformance import check_content
from layout_studio.export.epub.css import generated_text, theme_css, wants_soft_hyphens
from layout_studio.export.epub.fonts import embed_fonts, has_narrow_nbsp, rendered_characters
from layout_studio.export.epub.metadata import Facts, add_metadata
from layout_studio.export.epub.nav import CSS_PATH, licences_body, nav_document
from layout_studio.export.epub.pagelist import (
    COLOPHON,
    DEDICATION,
    INDEX,
    NAV,
    NOTES,
    TITLE,
    page_marks,
)
from layout_studio.export.epub.stored_hyphens import StoredHyphens
from layout_studio.export.epub.xhtml import PageMark, Writer, note_id, soft_hyphenator
from layout_studio.export.stored_book import book_key
from layout_studio.io.atomic import atomic_write_bytes
from layout_studio.io.disk_cache import DiskCache
from layout_studio.layout.page import TypesetDocument
from layout_studio.layout.parts import incipit_spans, index_anchor
from layout_studio.model.document import (
    Contributor,
    Document,
    FootnoteCall,
    Matter,
    Paragraph,
    Section,
    Text,
    authors_phrase,
    rights_holders,
    sort_key,
)
from layout_studio.sources.isbn import format_isbn
from layout_studio.style.theme import Theme
from layout_studio.text.fonts import Font
from layout_studio.text.hyphenate import english_hyphenator

if TYPE_CHECKING:
    from PIL import Image as PILImage

COVER_MAX = (1600, 2560)
COVER_MIN_WIDTH = 1400
INDEX_FILE = "text/index.xhtml"
DEDICATION_FILE = "text/dedication.xhtml"
LICENCES_FILE = "text/licences.xhtml"
NAV_FILE = "nav.xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_EPOCH_1980 = 315532800  # ZIP cannot store earlier dates


@dataclass
class EpubBuild:
    """The EPUB's bytes and what the user should know about them."""

    data: bytes
    identifier: str
    warnings: list[str] = field(default_factory=list)
    facts: Facts | None = None  # what the metadata says: the ONIX record says the same
    when: dt.datetime | None = None


def build_date() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now; UTC, no microseconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def book_identifier(document: Document) -> str:
    """A UUID derived from the book's metadata and contributors (stable across builds)."""
    meta = document.metadata
    names = "|".join(sorted(c.key for c in document.contributors))
    seed = "\n".join(
        [meta.title, meta.subtitle or "", meta.publisher or "", meta.date or "", names]
    )
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'layout-studio:' + seed)}"


# Typographic covers made lately in this process (the page's items → its JPEG):
# entries of a contest without a picture, with one theme and title, share theirs.
_GENERATED: list[tuple[tuple[object, ...], tuple[bytes, int, int]]] = []


def forget_covers(keep: Callable[[str], bool]) -> None:
    """Forget the typographic covers drawn with a font whose file ``keep`` refuses."""

    def ok(items: tuple[object, ...]) -> bool:
        fonts = (getattr(item, "font", None) for item in items)
        return all(keep(str(f.path)) for f in fonts if isinstance(f, Font))

    _GENERATED[:] = [made for made in _GENERATED if ok(made[0])]


def cover_jpeg(
    cover: CoverImage | None,
    document: Document,
    theme: Theme,
    byline: str | None,
    warnings: list[str],
) -> tuple[bytes, int, int]:
    """The cover as JPEG: the user's image fitted to 1400–1600 px wide, else the typographic one."""
    if cover is None:
        return _typographic_cover(document, theme, byline)
    from PIL import Image as PILImage  # a user's image only

    source = decoded(cover.data)  # as the print cover decoded it: once per export
    # RGB (what load_cover makes) is resized as decoded: no copy of the full picture.
    image = source if source.mode == "RGB" else source.convert("RGB")
    w, h = image.size
    scale = min(COVER_MAX[0] / w, COVER_MAX[1] / h, 1.0)  # no enlarging beyond need
    if w * scale < COVER_MIN_WIDTH:
        scale = COVER_MIN_WIDTH / w
    if scale > 1.0:
        warnings.append(
            f"{cover.source} : image de couverture agrandie ({w}×{h} px → "
            f"{round(w * scale)} px de large) ; les liseuses demandent au moins "
            f"{COVER_MIN_WIDTH} px"
        )
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    if size != image.size:
        image = image.resize(size, PILImage.Resampling.LANCZOS)
    if image.height > COVER_MAX[1]:  # very tall image widened to 1400 px: crop the middle
        top = (image.height - COVER_MAX[1]) // 2
        image = image.crop((0, top, image.width, top + COVER_MAX[1]))
    return _jpeg(image), image.width, image.height  # ``source`` itself when no resizing


def _jpeg(image: PILImage.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True, progressive=False)
    return out.getvalue()


def _typographic_cover(
    document: Document, theme: Theme, byline: str | None
) -> tuple[bytes, int, int]:
    """The typographic cover as JPEG, width and height.

    Read back from the user's cache when the same book (same key as its
    typeset: document, theme, fonts, code, libraries) made it before.
    """
    cache = DiskCache("covers")
    key = book_key(document, theme, byline) if cache.folder is not None else None
    raw = cache.get(key) if key is not None else None
    if raw is not None and len(raw) > 8:
        return raw[8:], int.from_bytes(raw[:4], "big"), int.from_bytes(raw[4:8], "big")
    from layout_studio.export.raster import rasterize  # the engine, only to draw the cover

    page = front_cover_page(document, theme, None, byline)
    memo_key = (page.width, page.height, *page.items)
    # A batch's entries often share their cover.
    remembered = [made for known, made in _GENERATED if known == memo_key]
    if remembered:
        made = remembered[0]
    else:
        image = rasterize(page, COVER_MAX[0])
        made = (_jpeg(image), image.width, image.height)
        _GENERATED.insert(0, (memo_key, made))
        del _GENERATED[4:]
    jpeg, width, height = made
    if key is not None:
        cache.put(key, width.to_bytes(4, "big") + height.to_bytes(4, "big") + jpeg)
    return made


def _english_soft_hyphens(minimums: tuple[int, int, bool]) -> Callable[[str], str]:
    """Soft hyphens at the English patterns' points; the patterns load at the first call.

    Most books have no ``{lang=en}`` passage: they never read the English file.
    Without English patterns the text is left as it is.
    """
    made: list[Callable[[str], str]] = []

    def apply(text: str) -> str:
        if not made:
            english = english_hyphenator(*minimums)
            made.append(soft_hyphenator(english.positions) if english else str)
        return made[0](text)

    return apply


def _ordered_sections(document: Document) -> list[tuple[int, Section]]:
    """Built sections with their index, in the print order (front, body, back)."""
    included = [s for s in document.sections if not s.candidate]
    indexed = list(enumerate(included))
    order = (Matter.FRONT, Matter.BODY, Matter.BACK)
    return [pair for matter in order for pair in indexed if pair[1].matter is matter]


def _note_labels(section: Section) -> list[str]:
    labels: list[str] = []
    for block in section.blocks():
        if isinstance(block, Paragraph):
            labels.extend(s.label for s in block.spans if isinstance(s, FootnoteCall))
    return labels


class _EpubWriter(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer with our own navigation document and a language on the package."""

    def __init__(
        self,
        target: object,
        book: epub.EpubBook,
        nav: bytes,
        options: dict,  # type: ignore[type-arg]
        language: str,
    ) -> None:
        super().__init__(target, book, options)
        self._nav = nav
        self._language = language

    def _get_nav(self, item: object) -> bytes:
        return self._nav

    def _write_opf_file(self, root: object) -> None:
        root.set(f"{{{XML_NS}}}lang", self._language)  # type: ignore[attr-defined]
        super()._write_opf_file(root)


def _normalise_zip(raw: bytes, when: dt.datetime) -> bytes:
    """Re-store every entry with a fixed date and mode: same input → same bytes."""
    stamp = max(int(when.timestamp()), _EPOCH_1980)
    date_time = dt.datetime.fromtimestamp(stamp, dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        names.sort(key=lambda n: (n != "mimetype", n != "META-INF/container.xml"))
        for name in names:
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name), compresslevel=None if stored else 9)
    return out.getvalue()


def build_epub(
    document: Document,
    theme: Theme,
    book: TypesetDocument,
    *,
    cover: CoverImage | None = None,
    byline: str | None = None,
    soft_hyphens: bool | None = None,
) -> EpubBuild:
    """The EPUB of ``document`` set with ``theme`` (page-list from ``book``).

    ``soft_hyphens`` None: the theme's default (``wants_soft_hyphens``).
    """
    meta = document.metadata
    lang = meta.language or "fr"
    warnings: list[str] = []
    if meta.isbn and meta.isbn == meta.print_isbn:
        warnings.append(
            "metadata : isbn et print_isbn sont le même numéro ; "
            "chaque édition (numérique, imprimée) doit avoir le sien"
        )
    hyphenate: Callable[[str], str] | None = None
    hyphenate_english: Callable[[str], str] | None = None
    stored_hyphens: StoredHyphens | None = None
    if wants_soft_hyphens(soft_hyphens, theme):
        minimums = (theme.hyphen_left, theme.hyphen_right, theme.hyphen_capitalised)
        stored_hyphens = StoredHyphens(*minimums)  # words seen before: no patterns loaded
        hyphenate = soft_hyphenator(stored_hyphens.positions)
        hyphenate_english = _english_soft_hyphens(minimums)
    w = Writer(
        language=lang,
        credit_placement=theme.credit_placement,
        drop_caps=theme.drop_caps,
        separator=theme.separator,
        soft_hyphens=hyphenate,
        english_soft_hyphens=hyphenate_english,
        narrow_nbsp=has_narrow_nbsp(theme),
    )
    css_href = "../" + CSS_PATH
    docs: list[tuple[str, str, str]] = []  # (id, file name, xhtml)
    toc: list[tuple[str, str]] = []  # (href, title)
    landmarks: list[tuple[str, str, str]] = []  # (epub:type, href, title)
    all_marks = page_marks(book)
    marks_by_section: dict[int, list[PageMark]] = {}
    for mark in all_marks:
        marks_by_section.setdefault(mark.section, []).append(mark)

    def breaks(part: int) -> str:
        """The page-break markers of the print pages that begin with ``part``."""
        return "".join(w.pagebreak(m) + "\n" for m in marks_by_section.get(part, []))

    # --- cover ---
    jpeg, cw, ch = cover_jpeg(cover, document, theme, byline, warnings)
    alt = f"Couverture : {meta.title}" + (f", {meta.subtitle}" if meta.subtitle else "")
    if cover is None:
        alt += f" — {default_byline(document, byline)}"
    cover_body = (
        f'<section class="cover" epub:type="cover">\n'
        f'<img role="doc-cover" src="../images/cover.jpg" alt="{w.esc(alt)}"'
        f' width="{cw}" height="{ch}"/>\n'
        "</section>\n"
    )
    docs.append(("cover", "text/cover.xhtml", w.document("Couverture", cover_body, css=css_href)))
    landmarks.append(("cover", "text/cover.xhtml", "Couverture"))

    # --- title page ---
    parts = [f"<h1>{w.esc(meta.title)}</h1>\n"]
    if meta.subtitle:
        parts.append(f'<p class="subtitle">{w.esc(meta.subtitle)}</p>\n')
    by = default_byline(document, byline)
    if by:
        parts.append(f'<p class="byline">{w.esc(by)}</p>\n')
    if meta.publisher:
        parts.append(f'<p class="publisher">{w.esc(meta.publisher)}</p>\n')
    title_body = (
        '<section class="titlepage" epub:type="titlepage">\n'
        + breaks(TITLE)
        + "".join(parts)
        + "</section>\n"
    )
    docs.append(("titlepage", "text/title.xhtml", w.document(meta.title, title_body, css=css_href)))
    toc.append(("text/title.xhtml", "Page de titre"))

    # --- colophon (every contributor) ---
    contributors = document.ordered_contributors
    names = [
        c.name if c.affiliation is None else f"{c.name} ({c.affiliation})" for c in contributors
    ]
    col = [
        f"<p><em>{w.esc(meta.title + (f'. {meta.subtitle}' if meta.subtitle else ''))}</em></p>\n"
    ]
    if meta.description:
        col.append(f"<p>{w.esc(meta.description)}</p>\n")
    if names:
        col.append(
            f"<p>Avec les contributions de {authors_phrase(len(names))} : "
            + ", ".join(f'<span class="name">{w.esc(n)}</span>' for n in names)
            + ".</p>\n"
        )
    year = (meta.date or "")[:4]
    if year:
        col.append(
            f"<p>© {w.esc(year)}, {rights_holders(len(names))}."
            + (f" Publié par {w.esc(meta.publisher)}." if meta.publisher else "")
            + "</p>\n"
        )
    if meta.rights:
        col.append(f"<p>{w.esc(meta.rights)}</p>\n")
    isbns = [(meta.isbn, "numérique"), (meta.print_isbn, "imprimé")]
    for number, edition in isbns:
        if number:
            col.append(f"<p>ISBN {format_isbn(number)} ({edition})</p>\n")
    col.append(
        f"<p>Composé en {w.esc(theme.body.font.family)} avec Layout Studio {__version__}, "
        f"thème « {w.esc(theme.label)} ». Les pages indiquées dans la liste des pages sont "
        "celles de l’édition imprimée. Les polices sont embarquées sous leur licence : "
        f'<a href="{LICENCES_FILE.rsplit("/", 1)[-1]}">licences des polices</a>.</p>\n'
    )
    colophon_body = (
        '<section class="colophon" epub:type="colophon" role="doc-colophon"'
        ' aria-label="Colophon">\n' + breaks(COLOPHON) + "".join(col) + "</section>\n"
    )
    docs.append(
        ("colophon", "text/colophon.xhtml", w.document("Colophon", colophon_body, css=css_href))
    )
    if meta.dedication:  # its own page after the colophon, as in print
        dedication_body = (
            '<section class="titlepage" epub:type="dedication" role="doc-dedication"'
            ' aria-label="Dédicace">\n'
            + breaks(DEDICATION)
            + f'<p class="dedication">{w.esc(meta.dedication)}</p>\n</section>\n'
        )
        docs.append(
            (
                "dedication",
                DEDICATION_FILE,
                w.document("Dédicace", dedication_body, css=css_href),
            )
        )

    # --- sections ---
    ordered = _ordered_sections(document)
    file_of: dict[int, str] = {
        i: f"text/section-{n + 1:02d}.xhtml" for n, (i, _s) in enumerate(ordered)
    }
    note_home: dict[str, str] = {}
    for i, section in ordered:
        for label in _note_labels(section):
            note_home.setdefault(label, file_of[i])
    notes = {n.label: n for n in document.footnotes}
    # (key, file, number, incipit, label)
    passages: list[tuple[str, str, int, tuple[Text, ...], str]] = []
    first_body: str | None = None
    notes_file: str | None = None
    for n, (i, section) in enumerate(ordered):
        name = file_of[i]

        def href(label: str, here: str = name) -> str:
            home = note_home.get(label, here)
            target = "" if home == here else home.rsplit("/", 1)[-1]
            return f"{target}#{note_id(label)}"

        asides = []
        for label in dict.fromkeys(_note_labels(section)):
            if note_home.get(label) != name:
                continue
            note = notes.get(label)
            if note is None:
                warnings.append(f"note [^{label}] appelée mais jamais définie")
                continue
            body = "".join(w.paragraph(p) for p in note.paragraphs)
            if notes_file is None:  # the print's endnotes pages begin at the first note
                notes_file = name
                body = breaks(NOTES) + body
            asides.append(
                f'<aside epub:type="footnote" role="doc-footnote" id="{note_id(label)}">\n'
                f"{body}</aside>\n"
            )
        start = w.passages
        html = w.section(
            section, i, marks=marks_by_section.get(i, []), note_href=href, notes="".join(asides)
        )
        for k, contribution in enumerate(section.contributions()):
            credit = contribution.credit
            passages.append(
                (credit.key, name, start + k, incipit_spans(contribution), credit.label)
            )
        title = section.title or meta.title
        kind = "bodymatter" if section.matter is Matter.BODY else section.matter.value + "matter"
        docs.append(
            (f"section-{n + 1:02d}", name, w.document(title, html, body_type=kind, css=css_href))
        )
        toc.append((name, section.title or f"Partie {n + 1}"))
        if section.matter is Matter.BODY and first_body is None:
            first_body = name
    if first_body:
        landmarks.append(("bodymatter", first_body, "Début du texte"))

    # --- contributor index (the print's order, so each index page's mark falls in place) ---
    if theme.contributor_index and contributors:
        at_line: dict[str, list[PageMark]] = {}
        for m in marks_by_section.get(INDEX, []):
            at_line.setdefault(m.target, []).append(m)

        def before(target: str) -> str:
            return "".join(w.pagebreak(m) for m in at_line.get(target, []))

        def first_label(c: Contributor) -> str:
            return next((lab for key, *_r, lab in passages if key == c.key), c.name)

        items = []
        for c in sorted(contributors, key=lambda c: sort_key(first_label(c))):
            mine = [(f, k, inc) for key, f, k, inc, _lab in passages if key == c.key]
            links = [
                before(index_anchor(f"c{k}")) + f'<a href="{f.rsplit("/", 1)[-1]}#c{k}">'
                f"{w.inline(inc, hyphens=False)}</a>"
                for f, k, inc in mine
            ]
            label = c.name if c.affiliation is None else f"{c.name}, {c.affiliation}"
            head = before(index_anchor(f"c{mine[0][1]}", True)) if mine else ""
            items.append(
                f'<li>{head}<span class="name">{w.esc(label)}</span> : '
                + " ; ".join(links)
                + "</li>\n"
            )
        index_marks = "".join(w.pagebreak(m) + "\n" for m in at_line.get("", []))
        index_body = (
            '<section class="index" epub:type="index" role="doc-index">\n'
            + index_marks
            + "<h1>Index des contributeurs</h1>\n<ul>\n"
            + "".join(items)
            + "</ul>\n</section>\n"
        )
        docs.append(
            (
                "index",
                "text/index.xhtml",
                w.document(
                    "Index des contributeurs", index_body, body_type="backmatter", css=css_href
                ),
            )
        )
        toc.append((INDEX_FILE, "Index des contributeurs"))
        landmarks.append(("index", INDEX_FILE, "Index des contributeurs"))
    toc.insert(1, ("text/colophon.xhtml", "Colophon"))

    # --- navigation document (before the fonts: its text is set in them too) ---
    present = {name for _uid, name, _html in docs}
    # The table of contents follows the front matter, as in print.
    front_end = DEDICATION_FILE if DEDICATION_FILE in present else "text/colophon.xhtml"
    where = {
        **file_of,
        TITLE: "text/title.xhtml",
        COLOPHON: "text/colophon.xhtml",
        DEDICATION: DEDICATION_FILE,
        INDEX: INDEX_FILE,
        NOTES: notes_file or "",
    }
    where = {k: v for k, v in where.items() if v in present}
    if theme.toc in ("front", "back"):
        where[NAV] = NAV_FILE
    landmarks.insert(1, ("toc", f"{NAV_FILE}#toc", "Table des matières"))
    nav, page_targets = nav_document(w, toc, landmarks, all_marks, where, breaks(NAV))

    # --- report what the text could not carry ---
    for char, count in sorted(w.removed.items()):
        warnings.append(
            f"caractère de contrôle U+{ord(char):04X} retiré du texte ({count} fois) : "
            "XML ne peut pas le contenir"
        )
    if w.replaced_narrow:
        warnings.append(
            f"aucune police embarquée n’a l’espace fine insécable (U+202F) : "
            f"{w.replaced_narrow} remplacées par l’espace insécable (U+00A0)"
        )
    reading = [(name, html) for _uid, name, html in docs]
    if theme.toc in ("front", "back"):  # the spine's place of the nav, as below
        names = [name for name, _html in reading]
        at = names.index(front_end) + 1 if theme.toc == "front" else len(reading)
        reading.insert(at, (NAV_FILE, nav.decode("utf-8")))
    w.styles.add("italic")  # the colophon's title and the subtitle are italic
    chars = rendered_characters(html for _name, html in reading) | set(generated_text(theme))
    if theme.heading_upper:  # text-transform: uppercase on headings
        chars |= {u for c in chars for u in c.upper()}
    first = chars | w.chars
    fonts = embed_fonts(theme, first, frozenset(w.styles))
    # The licences, linked from the colophon (outside the reading order).
    licences = w.document("Licences des polices", licences_body(w, fonts.licences), css=css_href)
    docs.append(("licences", LICENCES_FILE, licences))
    reading.append((LICENCES_FILE, licences))
    every = first | w.chars | rendered_characters([licences])
    if every != first:  # the licence texts need a few more glyphs
        fonts = embed_fonts(theme, every, frozenset(w.styles))
    for char in sorted(fonts.missing):
        warnings.append(
            f"caractère « {char} » (U+{ord(char):04X}) absent des polices embarquées : "
            "la liseuse utilisera la sienne"
        )
    css = theme_css(theme, fonts)

    # --- what a machine can check of WCAG, before any conformance claim ---
    colours = {"des mentions d’auteur": theme.credit.color}
    if theme.drop_caps:
        colours["des lettrines"] = theme.accent
    failures = check_content(reading, [h for h, _t in toc], page_targets, lang, colours)
    warnings.extend(f"accessibilité : {f}" for f in failures)

    # --- package ---
    when = build_date()
    identifier = f"urn:isbn:{meta.isbn}" if meta.isbn else book_identifier(document)
    pkg = epub.EpubBook()
    pkg.FOLDER_NAME = "EPUB"
    facts = Facts(
        identifier=identifier,
        language=lang,
        page_source=f"urn:isbn:{meta.print_isbn}"
        if meta.print_isbn
        else f"{meta.title}, édition imprimée Layout Studio (thème {theme.label})",
        has_pages=bool(page_targets),
        has_notes=bool(note_home),
        user_cover=cover is not None,
        failures=tuple(failures),
    )
    add_metadata(pkg, document, facts)

    cover_item = epub.EpubCover(uid="cover-image", file_name="images/cover.jpg")
    # What ebooklib would guess from the name, without loading the system's MIME tables.
    cover_item.media_type = "image/jpeg"
    pkg.add_item(cover_item)
    pkg.get_item_with_id("cover-image").content = jpeg
    pkg.add_item(
        epub.EpubItem(
            uid="css", file_name=CSS_PATH, media_type="text/css", content=css.encode("utf-8")
        )
    )
    for n, font in enumerate(fonts.fonts, start=1):
        pkg.add_item(
            epub.EpubItem(
                uid=f"font-{n:02d}",
                file_name=f"fonts/{font.file_name}",
                media_type="font/ttf",
                content=font.data,
            )
        )
    by_name: dict[str, epub.EpubItem] = {}
    for uid, name, html in docs:
        item = epub.EpubItem(
            uid=uid,
            file_name=name,
            media_type="application/xhtml+xml",
            content=html.encode("utf-8"),
        )
        item.properties = []
        pkg.add_item(item)
        by_name[name] = item
    pkg.add_item(epub.EpubNcx())
    nav_item = epub.EpubNav(uid="nav", file_name="nav.xhtml")
    pkg.add_item(nav_item)
    spine: list[object] = []
    for _uid, name, _html in docs:
        spine.append((by_name[name], "no") if name == LICENCES_FILE else by_name[name])
        if name == front_end and theme.toc == "front":
            spine.append(nav_item)
    if theme.toc == "back":
        spine.append(nav_item)
    pkg.spine = spine
    pkg.toc = [epub.Link(href, title, f"toc-{n}") for n, (href, title) in enumerate(toc)]
    pkg.guide = [{"type": "cover", "href": "text/cover.xhtml", "title": "Couverture"}]
    if first_body:
        pkg.guide.append({"type": "text", "href": first_body, "title": "Début du texte"})
    raw = io.BytesIO()
    options = {
        "epub3_landmark": False,
        "epub3_pages": False,
        "mtime": when.replace(tzinfo=None),
        "compresslevel": 0,  # _normalise_zip compresses each entry once, at level 9
    }
    writer = _EpubWriter(raw, pkg, nav, options, lang)
    writer.process()
    writer.write()
    if stored_hyphens is not None:
        stored_hyphens.keep()
    return EpubBuild(_normalise_zip(raw.getvalue(), when), identifier, warnings, facts, when)


def write_epub(
    document: Document,
    theme: Theme,
    book: TypesetDocument,
    path: str | Path,
    *,
    cover: CoverImage | None = None,
    byline: str | None = None,
    soft_hyphens: bool | None = None,
) -> EpubBuild:
    """Build the EPUB and write it atomically to ``path``."""
    built = build_epub(document, theme, book, cover=cover, byline=byline, soft_hyphens=soft_hyphens)
    atomic_write_bytes(path, built.data)
    return built
