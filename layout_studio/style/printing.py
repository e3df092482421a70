"""Print settings: the print-on-demand service, its paper, PDF/X and interior colour.

Takes the theme's (or project's) ``[print]`` table and the services' published
figures in ``assets/print-services.toml``; gives a ``PrintSettings``: bleed
(and whether the binding edge bleeds), the minimum distance of text from the
trim, the gutter by page count, page-count rules, the spine width formula,
the barcode box and the trim sizes offered. ``fit_geometry`` bends a page
geometry to a service's rules, saying what it changed.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from layout_studio.style.units import INCH, MM, parse_length, parse_page_size

if TYPE_CHECKING:
    from layout_studio.style.theme import PageGeometry

SERVICES = ("generic", "kdp", "ingramspark", "lulu")
ALIASES = {"ingram": "ingramspark", "amazon": "kdp", "generique": "generic"}
PDFX = ("x1a", "x4", "none")
INTERIORS = ("bw", "color")


@dataclass(frozen=True, slots=True)
class Service:
    """One service's published rules, lengths in points."""

    key: str
    label: str
    source: str
    bleed: float
    bleed_binding: bool
    safety: float
    safety_no_bleed: float
    gutter: tuple[tuple[int, float], ...]  # (up to this many pages, minimum inner margin)
    min_pages: int
    max_pages: int
    even_pages: bool
    spine_per_page: dict[str, float]
    spine_extra: float
    spine_text_min_pages: int
    barcode: tuple[float, float]
    barcode_margin: float
    trims: tuple[tuple[float, float], ...]

    def gutter_for(self, pages: int) -> float:
        """The minimum inner margin for a book of ``pages`` pages."""
        for limit, gutter in self.gutter:
            if pages <= limit:
                return gutter
        return self.gutter[-1][1]

    def spine_width(self, pages: int, paper: str) -> float:
        """Spine thickness in points: pages × the paper's thickness per page, plus the cover."""
        per_page = self.spine_per_page.get(paper)
        if per_page is None:
            per_page = next(iter(self.spine_per_page.values()))
        return pages * per_page + self.spine_extra

    def offers(self, width: float, height: float) -> bool:
        """Whether the service prints this trim size (any size when it lists none)."""
        return not self.trims or any(
            abs(w - width) < 0.6 * MM and abs(h - height) < 0.6 * MM for w, h in self.trims
        )

    def nearest_trim(self, width: float, height: float) -> tuple[float, float]:
        """The offered size closest to ``width × height``."""
        return min(self.trims, key=lambda t: abs(t[0] - width) + abs(t[1] - height))


@dataclass(frozen=True, slots=True)
class PrintSettings:
    """What the print files are made for."""

    service: Service
    paper: str = "white"
    pdfx: str = "x1a"  # "x1a" (PDF/X-1a:2003), "x4" (PDF/X-4) or "none"
    interior: str = "bw"  # "bw": black and white interior, "color"


def _length(value: Any) -> float:
    return parse_length(value)


@functools.cache
def services() -> dict[str, Service]:
    """Every service of ``assets/print-services.toml``."""
    text = (
        resources.files("layout_studio").joinpath("assets/print-services.toml").read_text("utf-8")
    )
    data = tomllib.loads(text)
    out: dict[str, Service] = {}
    for key, d in data.items():
        out[key] = Service(
            key=key,
            label=d["label"],
            source=d["source"],
            bleed=_length(d["bleed"]),
            bleed_binding=bool(d["bleed_binding"]),
            safety=_length(d["safety"]),
            safety_no_bleed=_length(d["safety_no_bleed"]),
            gutter=tuple((int(n), _length(v)) for n, v in d["gutter"]),
            min_pages=int(d["min_pages"]),
            max_pages=int(d["max_pages"]),
            even_pages=bool(d["even_pages"]),
            spine_per_page={k: _length(v) for k, v in d["spine_per_page"].items()},
            spine_extra=_length(d["spine_extra"]),
            spine_text_min_pages=int(d["spine_text_min_pages"]),
            barcode=(_length(d["barcode"][0]), _length(d["barcode"][1])),
            barcode_margin=_length(d["barcode_margin"]),
            trims=tuple(parse_page_size(t) for t in d["trims"]),
        )
    return out


def service(name: str) -> Service:
    """A service by name (``kdp``, ``ingramspark`` or ``ingram``, ``lulu``, ``generic``)."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in SERVICES:
        raise ValueError(f"service « {name} » inconnu (choix : {', '.join(SERVICES)})")
    return services()[key]


def _inches(points: float) -> str:
    return f"{points / INCH:.3g} in ({points / MM:.1f} mm)"


def fit_geometry(
    page: PageGeometry,
    settings: PrintSettings,
    *,
    head_room: float,
    foot_room: float,
    pages: int | None = None,
) -> tuple[PageGeometry, list[str]]:
    """``page`` bent to the service's rules, and one line per change.

    ``head_room``/``foot_room`` are how far the running head's top and the
    folio's bottom sit outside the text block, so the margins are raised
    until those, not only the body, keep the service's distance from the trim.
    The generic service only warns; a named service adjusts.
    """
    svc = settings.service
    notes: list[str] = []
    adjust = svc.key != "generic"
    width, height = page.width, page.height
    if adjust and not svc.offers(width, height):
        width, height = svc.nearest_trim(width, height)
        notes.append(
            f"format {page.width / MM:.0f}×{page.height / MM:.0f} mm non proposé par {svc.label} : "
            f"composé en {width / INCH:.3g}×{height / INCH:.3g} in"
        )
    bleed = svc.bleed if adjust else page.bleed
    safety = svc.safety if bleed > 0 else svc.safety_no_bleed
    changes: dict[str, Any] = {
        "width": width,
        "height": height,
        "bleed": bleed,
        "bleed_binding": svc.bleed_binding if adjust else page.bleed_binding,
        "safety": safety,
    }
    wanted = {
        "top": safety + head_room,
        "bottom": safety + foot_room,
        "outer": safety,
        "inner": max(svc.gutter_for(pages or svc.min_pages), 0.0),
    }
    names = {"top": "haut", "bottom": "bas", "outer": "extérieure", "inner": "intérieure"}
    for side, minimum in wanted.items():
        current = getattr(page, side)
        if current + 0.01 < minimum:
            if adjust:
                changes[side] = minimum
                # The page count is known once the book is set (``apply_service``).
                count = f" pour {pages} pages" if side == "inner" and pages is not None else ""
                notes.append(
                    f"marge {names[side]} portée de {current / MM:.1f} à {minimum / MM:.1f} mm "
                    f"(minimum {svc.label}{count})"
                )
            else:
                notes.append(
                    f"marge {names[side]} : texte à {(current - minimum + safety) / MM:.1f} mm "
                    f"de la coupe, moins que les {_inches(safety)} conseillés"
                )
    return dataclasses.replace(page, **changes), notes
