"""Generated matter, one module per kind: title pages, colophon, contents, notes, index.

Each module takes the ``Typesetter`` (styles, line setting, the book's state)
and gives fixed pages or flows; ``layout.typeset`` assembles them into pages.
"""

from layout_studio.layout.matter.colophon import colophon
from layout_studio.layout.matter.contents import toc_flow
from layout_studio.layout.matter.entries import entry_el
from layout_studio.layout.matter.index import index_flow
from layout_studio.layout.matter.notes import notes_flow
from layout_studio.layout.matter.title_pages import fixed_title_pages

__all__ = ["colophon", "entry_el", "fixed_title_pages", "index_flow", "notes_flow", "toc_flow"]
