"""One face cut to a text with fontTools, as ``pyftsubset`` would, in less time.

Takes a font file's bytes and the characters to keep; gives the subset's
bytes. Every OpenType feature is kept (the CSS may ask for smcp, onum…), and
every name record below 256 (copyright and licence) plus those the kept
features, axes or palettes name.

Two things make it faster than fontTools' defaults, with the same bytes
(tests/export/test_epub_subsetting.py compares them): the font is read
lazily, as ``pyftsubset`` reads it (tables and lookups decompiled on first
use); and the name records the layout features refer to are found by looking
at the features' parameters only, where fontTools' ``NameRecordVisitor``
walks every object of GSUB and GPOS (profiled with pyinstrument: a fifth of
the subsetting time of a body face). A font with ``fvar``, ``STAT`` or
``CPAL`` tables, or other options, goes through fontTools' own pruning.
"""

from __future__ import annotations

import io
from typing import Any

KEEP_FEATURES = ["*"]
_NAMED_ELSEWHERE = ("fvar", "STAT", "CPAL")  # tables whose name IDs only the visitor finds


def options() -> Any:
    """The subsetting options of the EPUB's faces."""
    from fontTools import subset

    chosen = subset.Options()
    chosen.layout_features = KEEP_FEATURES
    chosen.name_IDs = ["*"]  # keep copyright and licence records
    chosen.name_languages = ["*"]
    chosen.notdef_outline = True
    chosen.drop_tables = [*chosen.drop_tables, "DSIG"]
    return chosen


def make_subset(font_bytes: bytes, text: str, *, quick: bool = True) -> bytes:
    """``font_bytes`` cut to the characters of ``text`` (``quick=False``: fontTools' way)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes), lazy=quick)  # pyftsubset reads lazily too
    subsetter = subset.Subsetter(options())
    subsetter.populate(text=text)
    name = font["name"] if quick and "name" in font else None
    original = type(name)
    if name is not None:
        name.__class__ = _quick_name_class(original)
    try:
        subsetter.subset(font)
    finally:
        if name is not None:
            name.__class__ = original
    out = io.BytesIO()
    font.flavor = None
    font.save(out, reorderTables=True)
    return out.getvalue()


_QUICK: dict[type, type] = {}


def _quick_name_class(base: type) -> type:
    """The name table's class, pruning as fontTools does but finding feature names directly."""
    known = _QUICK.get(base)
    if known is not None:
        return known

    class QuickName(base):  # type: ignore[misc]
        names: list[Any]

        def prune_post_subset(self, font: Any, options: Any) -> bool:
            plain = (
                options.name_IDs == ["*"]
                and options.name_languages == ["*"]
                and not options.name_legacy
                and not options.obfuscate_names
            )
            if not plain or any(tag in font for tag in _NAMED_ELSEWHERE):
                return bool(super().prune_post_subset(font, options))
            # fontTools keeps the IDs below 256 ("*") and those the visitor saw.
            seen = feature_name_ids(font)
            self.names = [
                n for n in self.names if (n.nameID < 256 or n.nameID in seen) and n.isUnicode()
            ]
            return True

    _QUICK[base] = QuickName
    return QuickName


def feature_name_ids(font: Any) -> set[int]:
    """The name IDs the GSUB and GPOS features' parameters refer to (as the visitor finds them)."""
    from fontTools.ttLib.tables import otTables

    seen: set[int] = set()
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        table = font[tag].table
        features = [r.Feature for r in table.FeatureList.FeatureRecord] if table.FeatureList else []
        variations = getattr(table, "FeatureVariations", None)
        if variations is not None:
            for record in variations.FeatureVariationRecord:
                substitution = record.FeatureTableSubstitution
                features += [s.Feature for s in substitution.SubstitutionRecord]
        for feature in features:
            params = feature.FeatureParams
            if isinstance(params, otTables.FeatureParamsSize):
                seen.add(params.SubfamilyNameID)
            elif isinstance(params, otTables.FeatureParamsStylisticSet):
                seen.add(params.UINameID)
            elif isinstance(params, otTables.FeatureParamsCharacterVariants):
                seen.update(
                    (
                        params.FeatUILabelNameID,
                        params.FeatUITooltipTextNameID,
                        params.SampleTextNameID,
                    )
                )
                first, count = params.FirstParamUILabelNameID, params.NumNamedParameters
                if first != 0 and count != 0:
                    seen.update(range(first, first + count))
    return seen
