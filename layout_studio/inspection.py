"""Build the ``inspect`` report: what a source holds and what the build will change.

Takes an ``ImportResult``; gives a plain dict following the stable JSON
schema documented in the README (``schema_version`` 1), and a French text
rendering of it for the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layout_studio.sources.report import ImportResult
from layout_studio.text.typography import RULE_LABELS, apply_typography

SCHEMA = "layout-studio/inspect"
SCHEMA_VERSION = 1


def inspect_report(result: ImportResult) -> dict[str, Any]:
    """The inspection as a JSON-ready dict."""
    doc, rep = result.document, result.report
    typo = apply_typography(doc)
    groups = typo.by_rule()
    contributors = doc.contributors
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "source": {
            "path": rep.path,
            "format": rep.source_format,
            "encoding": rep.encoding,
            "bom": rep.bom,
            "line_endings": rep.line_endings,
            "notes": list(rep.notes),
        },
        "title": doc.metadata.title,
        "title_guessed": rep.title_guessed,
        "subtitle": doc.metadata.subtitle,
        "language": doc.metadata.language,
        "counts": {
            "sections": len(doc.body_sections),
            "paragraphs": len(doc.paragraphs()),
            "contributions": len(doc.contributions()),
            "contributors": len(contributors),
            "credits_to_review": sum(c.needs_review for c in rep.credits),
            "footnotes": len(doc.footnotes),
            "typography_corrections": len(typo.corrections),
        },
        "contributors": [
            {"name": c.name, "affiliation": c.affiliation, "contributions": c.contributions}
            for c in contributors
        ],
        "credits": [
            {
                "index": c.index,
                "name": c.name,
                "affiliation": c.affiliation,
                "raw": c.raw,
                "confidence": c.confidence,
                "needs_review": c.needs_review,
                "line": c.line,
                "column": c.column,
                "offset": c.offset,
            }
            for c in rep.credits
        ],
        "rejected_parentheses": [
            {"raw": r.raw, "reason": r.reason, "line": r.line, "column": r.column}
            for r in rep.rejected
        ],
        "typography": {
            "rules": {
                rule: {
                    "label": RULE_LABELS.get(rule, rule),
                    "count": len(items),
                    "corrections": [
                        {
                            "before": i.correction.before,
                            "after": i.correction.after,
                            "line": i.line,
                            "column": i.column,
                            "context": i.correction.context,
                        }
                        for i in items
                    ],
                }
                for rule, items in groups.items()
            },
            "warnings": [
                {
                    "rule": w.warning.rule,
                    "message": w.warning.message,
                    "line": w.line,
                    "column": w.column,
                    "context": w.warning.context,
                }
                for w in typo.warnings
            ],
        },
        "matter_candidates": [
            {
                "matter": c.matter,
                "title": c.title,
                "first_line": c.first_line,
                "last_line": c.last_line,
                "paragraphs": c.paragraphs,
            }
            for c in rep.candidates
        ],
        "left_out": [
            {
                "kind": item.kind,
                "reason": item.reason,
                "first_line": item.first_line,
                "last_line": item.last_line,
                "chars": item.chars,
                "text": item.text,
            }
            for item in rep.left_out
        ],
    }


def spelling_report(
    path: str | Path, folder: Path | None = None, text: str | None = None
) -> list[dict[str, Any]]:
    """Unknown words of the source (or of ``text``), by 1-based line and column, with suggestions.

    The words of the book's dictionary (``dictionnaire.txt`` in ``folder``,
    by default the source's folder) are known.
    """
    from layout_studio.sources.reading import read_text_source
    from layout_studio.text.book_dictionary import BookDictionary
    from layout_studio.text.spelling import FrenchSpeller, check_lines

    book = BookDictionary.read(folder if folder is not None else Path(path).parent)
    speller = FrenchSpeller(book=book)
    if text is None:
        text = read_text_source(path).text
    return [
        {
            "line": line,
            "column": found.start + 1,
            "word": found.word,
            "suggestions": speller.suggestions(found.word),
        }
        for line, found in check_lines(speller, text.split("\n"))
    ]


def _visible(text: str) -> str:
    return text.replace("\u202f", "⍽").replace("\u00a0", "·")


def render_text(data: dict[str, Any]) -> str:
    """The inspection as French text for the terminal."""
    counts = data["counts"]
    src = data["source"]
    out = [
        f"Titre : {data['title']}" + ("  (déduit, à confirmer)" if data["title_guessed"] else ""),
        f"Source : {src['path']} ({src['format']}, {src['encoding']}"
        + (", BOM" if src["bom"] else "")
        + f", fins de ligne {src['line_endings']})"
        if src["format"] in ("txt", "md")
        else f"Source : {src['path']} ({src['format']} ; « ligne » = numéro de paragraphe)",
    ]
    out += [f"  note : {n}" for n in src["notes"]]
    out += [
        "",
        f"Paragraphes : {counts['paragraphs']}   Contributions : {counts['contributions']}   "
        f"Contributeurs : {counts['contributors']}   Notes : {counts['footnotes']}",
        "",
        "Contributeurs :",
    ]
    for c in data["contributors"]:
        aff = f", {c['affiliation']}" if c["affiliation"] else ""
        out.append(f"  {c['name']}{aff} — {c['contributions']} contribution(s)")
    out += [
        "",
        f"Crédits ({len(data['credits'])}, dont {counts['credits_to_review']} à vérifier) :",
    ]
    for c in data["credits"]:
        flag = "  ← à vérifier" if c["needs_review"] else ""
        out.append(
            f"  {c['index']:>3}. {c['raw']:<24} confiance {c['confidence']:.2f}  "
            f"ligne {c['line']}, col. {c['column']}{flag}"
        )
    if data["rejected_parentheses"]:
        out += ["", "Parenthèses écartées (pas des crédits) :"]
        for r in data["rejected_parentheses"]:
            out.append(f"  {r['raw'][:50]:<52} ligne {r['line']} : {r['reason']}")
    typo = data["typography"]
    out += ["", f"Corrections typographiques ({counts['typography_corrections']}) :"]
    for rule, group in typo["rules"].items():
        out.append(f"  {group['label']} [{rule}] : {group['count']}")
        for item in group["corrections"][:3]:
            out.append(
                f"      {_visible(repr(item['before']))} → {_visible(repr(item['after']))}"
                f"   « {_visible(item['context'])} »"
            )
    if typo["warnings"]:
        out += ["", "Avertissements (rien n’a été deviné) :"]
        for w in typo["warnings"]:
            out.append(f"  ligne {w['line']} : {w['message']}   « {_visible(w['context'])} »")
    if data["matter_candidates"]:
        out += ["", "Proposés en pages liminaires ou finales (à confirmer) :"]
        for c in data["matter_candidates"]:
            where = "début" if c["matter"] == "front" else "fin"
            out.append(
                f"  {c['title']} ({where} de livre) : lignes {c['first_line']}–{c['last_line']}, "
                f"{c['paragraphs']} paragraphe(s)"
            )
    if data["left_out"]:
        out += ["", "Laissé de côté :"]
        for item in data["left_out"]:
            out.append(
                f"  lignes {item['first_line']}–{item['last_line']} ({item['chars']} caractères) : "
                f"{item['reason']}"
            )
    if "spelling" in data:
        out += ["", f"Orthographe : {len(data['spelling'])} mot(s) inconnu(s) du dictionnaire"]
        for item in data["spelling"]:
            hint = ", ".join(item["suggestions"][:3])
            out.append(
                f"  ligne {item['line']}, colonne {item['column']} : {_visible(item['word'])}"
                + (f" (suggestions : {hint})" if hint else "")
            )
    return "\n".join(out)
