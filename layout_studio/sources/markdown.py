"""Read the project's source format: Markdown with YAML front matter (Pandoc style).

Takes a ``DecodedText``; gives an ``ImportResult``. Parsing is done by
markdown-it-py with the front-matter, attributes and footnote plugins:

* front matter keys: ``title``, ``subtitle``, ``lang``, ``contributors``
  (names, or mappings with ``name``, ``file-as``, ``role``, ``affiliation``),
  ``publisher``, ``date``, ``description``, ``dedication``, ``isbn`` and
  ``print_isbn`` (checked), ``rights``, ``subjects`` (a list of keywords),
  ``series`` and ``series_number``;
* ``# Title`` opens a section; a ``{.front}``, ``{.back}`` or ``{.candidate}``
  line before it sets its matter; ``##`` and deeper are headings;
* ``[Cécile]{.credit}`` (or ``[Catherine, CDP]{.credit}``) closes a
  contribution: the paragraphs since the previous credit are its blocks;
* ``* * *`` is a scene break; ``[^1]`` calls a footnote;
* ``*em*``, ``**strong**``, ``[10 000]{.nobreak}``, ``[er]{.sup}``,
  ``[I’m too old]{lang=en}`` (English typography for the span).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from layout_studio.checkpoint import checkpoint
from layout_studio.errors import InputError
from layout_studio.model import (
    Block,
    Contribution,
    Credit,
    CreditMark,
    DeclaredContributor,
    Document,
    Footnote,
    FootnoteCall,
    Heading,
    Inline,
    Mark,
    Matter,
    Metadata,
    Paragraph,
    SceneBreak,
    Section,
    SourcePos,
    Text,
)
from layout_studio.sources.credits import REVIEW
from layout_studio.sources.front_matter import contributor_fields, load_front_matter, text_value
from layout_studio.sources.isbn import parse_isbn
from layout_studio.sources.metadata_values import (
    MAX_TEXT,
    MAX_TITLE,
    check_date,
    check_language,
    check_text,
)
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import CreditRecord, ImportReport, ImportResult
from layout_studio.sources.spans import tidy_spans as _tidy

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core.state_core import StateCore
    from markdown_it.token import Token

KNOWN_KEYS = {
    "title",
    "subtitle",
    "lang",
    "contributors",
    "publisher",
    "date",
    "description",
    "dedication",
    "isbn",
    "print_isbn",
    "rights",
    "subjects",
    "series",
    "series_number",
}
_CLASS_MARKS = {
    "em": Mark.EMPHASIS,
    "strong": Mark.STRONG,
    "nobreak": Mark.NOBREAK,
    "sup": Mark.SUPERSCRIPT,
    "smallcaps": Mark.SMALL_CAPS,
}


def markdown_parser() -> MarkdownIt:
    """The configured parser (raw HTML is text, never markup)."""
    # Imported here: a plain-text export never loads markdown-it (cold start).
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return (
        MarkdownIt("commonmark", {"html": False})
        .use(front_matter_plugin)
        .use(attrs_plugin, spans=True)
        .use(attrs_block_plugin)
        .use(footnote_plugin)
    )


@functools.cache
def _parser() -> MarkdownIt:
    """The shared parser, made on first use (its inline stage remembers paragraphs)."""
    md = markdown_parser()
    md.core.ruler.at("inline", _inline_stage)
    return md


# A paragraph's inline tokens by its text, as the whole parse left them: the
# live preview parses the book after each edit, and most paragraphs are the
# same. Only where nothing outside the paragraph counts: no link reference
# definitions in the text, no footnote in the paragraph (notes are numbered).
_INLINE: dict[str, list[Token]] = {}


def _standalone(content: str, env: Mapping[str, Any]) -> bool:
    return not env.get("references") and "[^" not in content and "^[" not in content


def _inline_stage(state: StateCore) -> None:
    """markdown-it's inline stage, taking remembered paragraphs as they are."""
    md, env = state.md, state.env
    for token in state.tokens:
        if token.type == "inline":
            hit = _INLINE.get(token.content) if _standalone(token.content, env) else None
            if hit is not None:
                # Final tokens: the stages after this one (text_join) leave them as they are.
                token.children = hit
                continue
            if token.children is None:
                token.children = []
            md.inline.parse(token.content, md, env, token.children)


def _parse(text: str) -> list[Token]:
    """The tokens of ``text``, remembering its paragraphs' inline tokens for the next parse."""
    global _INLINE
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    # Only this text's paragraphs are kept: memory follows the book, not the edits.
    _INLINE = {
        token.content: token.children
        for token in tokens
        if token.type == "inline" and token.children and _standalone(token.content, env)
    }
    return tokens


#: More unclosed "[" than this in one paragraph are escaped before parsing (see below).
MAX_OPEN_BRACKETS = 32
#: More "[…]{" attribute spans than this in one paragraph: the next are kept as text.
MAX_ATTRIBUTE_SPANS = 256
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_BRACKET = re.compile(r"[\[\]]")


def _defuse_brackets(text: str) -> str:
    """``text`` with the brackets that would make markdown-it slow escaped (see ``_defuse``)."""
    return _defuse(text)[0]


def _defuse(text: str) -> tuple[str, int]:
    """``text`` with some "[" escaped, and how many attribute spans were kept as text.

    markdown-it looks for the end of a link label from every "[", to the end
    of the paragraph when there is none: a paragraph of unclosed brackets
    took quadratic time (30,000 "[" in 20 s). An unclosed "[" is literal
    text anyway, so escaping it changes nothing but the time; ordinary
    paragraphs, with fewer than ``MAX_OPEN_BRACKETS``, are left as typed.
    The attributes plugin copies the rest of the paragraph at each "[…]{"
    (20,000 of them: 14 s for 1.25 MB, ten times more for five times the
    text): past ``MAX_ATTRIBUTE_SPANS`` in one paragraph, their "[" is
    escaped too, so they stay as text (the caller reports it).
    """
    if text.count("[") <= MAX_OPEN_BRACKETS:
        return text, 0
    cuts = [0, *(m.end() for m in _BLANK_LINE.finditer(text)), len(text)]
    escape: list[int] = []
    spans_as_text = 0
    for start, end in itertools.pairwise(cuts):
        if text.find("[", start, end) < 0:
            continue  # nothing to escape here; most paragraphs of a long book
        stack: list[int] = []
        spans: list[int] = []
        # Only brackets count: the scan visits them alone, not every character.
        for found in _BRACKET.finditer(text, start, end):
            i = found.start()
            ch = text[i]
            if ch == "[" and (i == 0 or text[i - 1] != "\\"):
                stack.append(i)
            elif ch == "]" and stack:
                opened = stack.pop()
                if i + 1 < end and text[i + 1] == "{":
                    spans.append(opened)
        if len(stack) > MAX_OPEN_BRACKETS:
            escape.extend(stack)
        if len(spans) > MAX_ATTRIBUTE_SPANS:
            escape.extend(spans[MAX_ATTRIBUTE_SPANS:])
            spans_as_text += len(spans) - MAX_ATTRIBUTE_SPANS
    if not escape:
        return text, 0
    pieces, last = [], 0
    for i in sorted(escape):
        pieces += [text[last:i], "\\"]
        last = i
    pieces.append(text[last:])
    return "".join(pieces), spans_as_text


_LONE_CR = re.compile(r"\r(?!\n)")


def import_markdown(decoded: DecodedText) -> ImportResult:
    """Parse Markdown source into a document."""
    report = ImportReport.for_source(decoded, "md")
    text = decoded.text
    if "\r" in text:  # the editor's or an API's text: a lone CR ends a line, as in files
        text = _LONE_CR.sub("\n", text)  # one character for one: positions hold
        decoded = dataclasses.replace(decoded, text=text)
    defused, spans_as_text = _defuse(text)
    if spans_as_text:
        report.notes.append(
            f"{spans_as_text} attribut(s) entre accolades gardé(s) comme texte : plus de "
            f"{MAX_ATTRIBUTE_SPANS} dans un même paragraphe"
        )
    global _PLANS
    builder = _Builder(decoded, report, _PLANS)
    document = builder.build(_parse(defused))
    _PLANS = builder.planned  # this text's paragraphs only, as for _INLINE
    return ImportResult(document=document, report=report)


def parse_markdown_text(text: str, path: str = "<texte>") -> Document:
    """Parse a Markdown string (used by tests and the editor)."""
    from pathlib import Path

    decoded = DecodedText(Path(path), text, "utf-8", False, "lf")
    return import_markdown(decoded).document


# A paragraph's spans, before its credits are placed: a credit's position
# and its entry in the report depend on where the paragraph is, the rest only
# on its inline tokens. Credits are placeholders (``_SLOT``), with their text
# and attributes alongside, in order.
_Plan = tuple[tuple[Inline, ...], tuple[tuple[str, dict[str, Any]], ...]]
_SLOT = CreditMark(Credit(name=""))


def _lost_credit(para: Paragraph, mark: CreditMark, last: CreditMark) -> str:
    """The report's line for a credit a paragraph's later credit overrides.

    Without a line number: a chunk of the live preview keeps its notes when it moves.
    """
    words = " ".join("".join(s.text for s in para.spans if isinstance(s, Text)).split()[:5])
    return (
        f"crédit « {mark.credit.name} » au milieu d’un paragraphe (« {words}… ») : seul le "
        f"dernier crédit d’un paragraphe compte (« {last.credit.name} ») ; terminez le "
        f"paragraphe après « {mark.credit.name} » pour lui attribuer ce qui précède"
    )


# The plans of the last parse's paragraphs, by their text, with the inline
# tokens they were made from: a paragraph whose tokens came back from
# ``_INLINE`` (the very same token objects, which nothing changes once parsed)
# gets back its spans too. The tokens are kept alive, so their ids stay theirs.
_PLANS: dict[str, tuple[tuple[Token, ...], _Plan]] = {}


def _same(known: tuple[Token, ...], children: list[Token]) -> bool:
    return len(known) == len(children) and all(map(operator.is_, known, children))


class _Builder:
    def __init__(
        self,
        decoded: DecodedText,
        report: ImportReport,
        plans: Mapping[str, tuple[tuple[Token, ...], _Plan]] | None = None,
    ) -> None:
        self.decoded = decoded
        self.report = report
        self.plans = plans
        self.planned: dict[str, tuple[tuple[Token, ...], _Plan]] = {}
        self.lines = decoded.text.split("\n")
        self.line_offsets = [0]
        for line in self.lines:
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)

    # -- whole document -----------------------------------------------------
    def build(self, tokens: list[Token]) -> Document:
        return assemble(self.events(tokens), self.report)

    def events(self, tokens: list[Token]) -> list[Event]:
        """What ``tokens`` say, in order, for ``assemble`` (positions from this text)."""
        out: list[Event] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "front_matter":
                out.append(("meta", self._metadata(tok.content)))
            elif tok.type == "heading_open" and tok.tag == "h1":
                title = self._plain(tokens[i + 1]).strip() or None
                out.append(("h1", title, dict(tok.attrs), self._pos(tok)))
                i += 3
                continue
            elif tok.type == "heading_open":
                spans = self._inline(tokens[i + 1])
                out.append(("block", Heading(int(tok.tag[1:]), spans, self._pos(tok))))
                i += 3
                continue
            elif tok.type == "hr":
                out.append(("block", SceneBreak(self._pos(tok))))
            elif tok.type == "footnote_block_open":
                footnotes: list[Footnote] = []
                i = self._footnotes(tokens, i + 1, footnotes)
                out.extend(("footnote", note) for note in footnotes)
                continue
            elif tok.type == "inline":
                para = Paragraph(self._inline(tok), self._pos(tok))
                credits = [s for s in para.spans if isinstance(s, CreditMark)]
                if credits:
                    for mark in credits[:-1]:  # nothing is dropped silently
                        self.report.notes.append(_lost_credit(para, mark, credits[-1]))
                    out.append(("credited", para, credits[-1].credit))
                elif para.spans:
                    out.append(("block", para))
            i += 1
        return out

    def _footnotes(self, tokens: list[Token], i: int, out: list[Footnote]) -> int:
        label = ""
        paras: list[Paragraph] = []
        while i < len(tokens) and tokens[i].type != "footnote_block_close":
            tok = tokens[i]
            if tok.type == "footnote_open":
                label, paras = str(tok.meta.get("label", "")), []
            elif tok.type == "inline":
                paras.append(Paragraph(self._inline(tok), self._pos(tok)))
            elif tok.type == "footnote_close":
                out.append(Footnote(label, tuple(paras)))
            i += 1
        return i + 1

    # -- metadata -------------------------------------------------------------
    def _metadata(self, text: str) -> Metadata:
        path = self.decoded.path
        data = load_front_matter(path, text)
        for number, raw in enumerate(text.split("\n"), 2):
            key, sep, value = raw.partition(":")
            value = value.strip()
            if sep and value and value[0] not in "'\"" and re.search(r"\s#", value):
                self.report.notes.append(
                    f"ligne {number} : « #» commence un commentaire YAML, "
                    f"la fin de « {key.strip()} » "
                    "est ignorée ; mettez la valeur entre guillemets"
                )
        unknown = sorted(set(map(str, data)) - KNOWN_KEYS)
        if unknown:
            self.report.notes.append(
                f"clé(s) d’en-tête inconnue(s) ignorée(s) : {', '.join(unknown)}"
            )
        declared = data.get("contributors") or []
        if not isinstance(declared, list):
            raise InputError(path, "clé « contributors » : une liste de noms est attendue")
        contributors = tuple(self._contributor(i, c) for i, c in enumerate(declared, 1))

        def checked(key: str, check: Callable[[Any], str], value: Any) -> str:
            # Values bound for the OPF are checked here, so the model holds only valid ones.
            try:
                return check(value)
            except ValueError as exc:
                raise InputError(path, f"clé « {key} » : {exc}") from None

        def opt(key: str, limit: int = MAX_TEXT) -> str | None:
            value = text_value(path, key, data.get(key))  # a string, no control character
            return None if value is None else checked(key, lambda v: check_text(v, limit), value)

        title = text_value(path, "title", data.get("title"))
        title_text = checked("title", lambda v: check_text(v, MAX_TITLE), title) if title else ""
        if not title_text.strip():
            # An empty title would give an empty dc:title: the missing-title default instead.
            if title is not None:
                self.report.notes.append("titre vide dans l’en-tête : « Sans titre » utilisé")
            title_text = "Sans titre"
        lang = text_value(path, "lang", data.get("lang"))
        date = data.get("date")
        text_value(path, "date", date, date=True)  # a text, a YAML date or a year

        def isbn(key: str) -> str | None:
            value = opt(key)
            if value is None:
                return None
            try:
                return parse_isbn(value)
            except ValueError as exc:
                raise InputError(
                    path, f"clé « {key} » : ISBN « {value} » invalide, {exc}"
                ) from None

        subjects = data.get("subjects") or []
        if not isinstance(subjects, list):
            raise InputError(path, "clé « subjects » : une liste de mots-clés est attendue")
        keywords = tuple(
            word.strip()
            for i, s in enumerate(subjects, 1)
            if (word := text_value(path, f"subjects, entrée {i}", s)) and word.strip()
        )
        given = data.get("series_number")  # 2 or "2"
        position = str(given) if type(given) is int and given >= 0 else opt("series_number")
        if position is not None and not (position.isascii() and position.isdigit()):
            raise InputError(path, f"clé « series_number » : « {position} » : un nombre attendu")
        return Metadata(
            title=title_text,
            subtitle=opt("subtitle", MAX_TITLE),
            language=checked("lang", check_language, lang) if lang not in (None, "") else "fr",
            contributors=contributors,
            publisher=opt("publisher"),
            date=checked("date", check_date, date) if date is not None else None,
            description=opt("description"),
            dedication=opt("dedication"),
            isbn=isbn("isbn"),
            print_isbn=isbn("print_isbn"),
            rights=opt("rights"),
            subjects=keywords,
            series=opt("series"),
            series_number=position,
        )

    def _contributor(self, index: int, entry: object) -> DeclaredContributor:
        fields = contributor_fields(self.decoded.path, index, entry)
        try:
            check_text(fields["name"] or "")  # names become dc:creator in the OPF
        except ValueError as exc:
            raise InputError(self.decoded.path, f"clé « contributors » : {exc}") from None
        return DeclaredContributor(
            name=fields["name"] or "",
            file_as=fields["file-as"],
            role=fields["role"] or "aut",
            affiliation=fields["affiliation"],
        )

    # -- inline -----------------------------------------------------------------
    def _plain(self, inline: Token) -> str:
        return "".join(s.text for s in self._inline(inline) if isinstance(s, Text))

    def _inline(self, inline: Token) -> tuple[Inline, ...]:
        children = inline.children or []
        known = self.plans.get(inline.content) if self.plans is not None else None
        reuse = known is not None and _same(known[0], children)
        plan = known[1] if known is not None and reuse else _plan(children)
        if self.plans is not None:
            self.planned[inline.content] = (tuple(children), plan)
        spans, credits = plan
        if not credits:
            return spans
        # Placed in order, as the tokens name them (the report numbers them).
        placed = iter(credits)
        return tuple(self._credit(*next(placed), inline) if s is _SLOT else s for s in spans)

    def _credit(self, text: str, attrs: dict[str, Any], inline: Token) -> CreditMark:
        label = " ".join(text.split())
        name, _, affiliation = label.partition(",")
        affiliation_attr = attrs.get("affiliation")
        try:
            confidence = float(attrs.get("confidence", 1.0))
        except ValueError:
            confidence = 1.0
        pos = self._find(f"[{text}]", inline)
        credit = Credit(
            name=name.strip(),
            affiliation=(
                str(affiliation_attr) if affiliation_attr else affiliation.strip() or None
            ),
            source=pos,
            confidence=confidence,
            raw=f"[{text}]",
        )
        where = pos or SourcePos(0, 0, 0)
        self.report.credits.append(
            CreditRecord(
                index=len(self.report.credits) + 1,
                name=credit.name,
                affiliation=credit.affiliation,
                raw=credit.raw,
                confidence=confidence,
                needs_review=confidence < REVIEW,
                line=where.line,
                column=where.column,
                offset=where.offset,
            )
        )
        return CreditMark(credit)

    # -- positions -----------------------------------------------------------------
    def _pos(self, tok: Token) -> SourcePos | None:
        if not tok.map:
            return None
        line = tok.map[0]
        text = self.lines[line] if line < len(self.lines) else ""
        column = len(text) - len(text.lstrip()) + 1
        return SourcePos(line + 1, column, self.line_offsets[line] + column - 1)

    def _find(self, needle: str, tok: Token) -> SourcePos | None:
        if not tok.map:
            return None
        for line in range(tok.map[0], min(tok.map[1], len(self.lines))):
            col = self.lines[line].find(needle)
            if col >= 0:
                return SourcePos(line + 1, col + 1, self.line_offsets[line] + col)
        return self._pos(tok)


# What the token stream says, in order: ("meta", Metadata), ("h1", title,
# attributes, position), ("block", Block), ("credited", Paragraph, Credit) for a
# paragraph that closes a contribution, ("footnote", Footnote).
Event = tuple[Any, ...]


#: Sections assembled before, by the ids of the events that make them: the events (kept
#: alive by the entry, so the ids stay theirs) and the section.
SectionMemo = dict[tuple[int, ...], tuple[tuple[Event, ...], Section]]


def assemble(
    events: Iterable[Event],
    report: ImportReport,
    memo: tuple[SectionMemo, SectionMemo] | None = None,
) -> Document:
    """The document ``events`` describe: sections at each title, contributions at each credit.

    ``memo`` (the last call's sections and a dict for this call's): a section made of
    the same event objects as one before is that section, the same object. The live
    preview parses again only the chunks an edit changed, so most sections are the
    ones it had, and each later step knows them by identity.
    """
    before, now = memo if memo is not None else ({}, None)
    meta = Metadata(title="Sans titre")
    sections: list[Section] = []
    footnotes: list[Footnote] = []
    head: Event | None = None  # the title's event
    group: list[Event] = []  # the section's blocks and credits, as they came
    started = False

    def close_section() -> None:
        nonlocal group
        if not (started or group):
            return
        made = tuple(group) if head is None else (head, *group)
        key = tuple(map(id, made))
        hit = before.get(key)
        if hit is None:
            hit = (made, _make_section(head, group))
        sections.append(hit[1])
        if now is not None:
            now[key] = hit
        group = []

    for event in events:
        kind = event[0]
        if kind == "block" or kind == "credited":
            group.append(event)
        elif kind == "h1":
            checkpoint()
            close_section()
            started = True
            head = event
        elif kind == "meta":
            meta = event[1]
        else:
            footnotes.append(event[1])
    close_section()
    if meta.title == "Sans titre":
        report.title_guessed = True
    return Document(metadata=meta, sections=tuple(sections), footnotes=tuple(footnotes))


def _make_section(head: Event | None, group: list[Event]) -> Section:
    """The section of a title's event (``None``: before the first title) and what follows it."""
    content: list[Block | Contribution] = []
    pending: list[Block] = []
    for event in group:
        pending.append(event[1])
        if event[0] == "credited":
            content.append(Contribution(blocks=tuple(pending), credit=event[2]))
            pending = []
    content.extend(pending)
    if head is None:
        return _section(None, content, {}, None)
    _, title, attrs, pos = head
    return _section(title, content, attrs, pos)


def _section(
    title: str | None,
    content: list[Block | Contribution],
    attrs: dict[str, Any],
    pos: SourcePos | None,
) -> Section:
    classes = str(attrs.get("class", "")).split()
    matter = (
        Matter.FRONT if "front" in classes else Matter.BACK if "back" in classes else Matter.BODY
    )
    return Section(title, tuple(content), matter, "candidate" in classes, pos)


def _plan(children: list[Token]) -> _Plan:
    """A paragraph's tidy spans from its inline tokens, credits left as placeholders."""
    spans: list[Inline] = []
    credits: list[tuple[str, dict[str, Any]]] = []
    marks: list[Mark] = []
    span_stack: list[dict[str, Any]] = []
    credit_text: list[str] | None = None
    credit_attrs: dict[str, Any] = {}
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            if credit_text is not None:
                credit_text.append(child.content)
            else:
                spans.append(Text(child.content, frozenset(marks)))
        elif kind in ("softbreak", "hardbreak"):
            if credit_text is not None:
                credit_text.append(" ")
            else:
                spans.append(Text(" ", frozenset(marks)))
        elif kind == "em_open":
            marks.append(Mark.EMPHASIS)
        elif kind == "strong_open":
            marks.append(Mark.STRONG)
        elif kind in ("em_close", "strong_close"):
            if marks:
                marks.pop()
        elif kind == "span_open":
            classes = str(child.attrs.get("class", "")).split()
            attrs = dict(child.attrs)
            if "credit" in classes and credit_text is None:
                credit_text, credit_attrs = [], attrs
                span_stack.append({"credit": True})
            else:
                added = [_CLASS_MARKS[c] for c in classes if c in _CLASS_MARKS]
                if str(attrs.get("lang", "")).lower().split("-")[0] == "en":
                    added.append(Mark.LANG_EN)  # English conventions for the span
                marks.extend(added)
                span_stack.append({"marks": len(added)})
        elif kind == "span_close":
            top = span_stack.pop() if span_stack else {}
            if top.get("credit") and credit_text is not None:
                spans.append(_SLOT)
                credits.append(("".join(credit_text), credit_attrs))
                credit_text = None
            else:
                for _ in range(int(top.get("marks", 0))):
                    marks.pop()
        elif kind == "footnote_ref":
            spans.append(FootnoteCall(str(child.meta.get("label", ""))))
        elif kind == "image":
            spans.append(Text(child.content, frozenset(marks)))
    return _tidy(spans), tuple(credits)
