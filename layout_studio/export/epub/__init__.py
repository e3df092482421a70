"""EPUB 3 export: the document model written as a reflowable e-book.

Takes what ``export.job.prepare`` gives (document, theme, typeset book,
cover); gives a valid EPUB 3 file with an EPUB 2 NCX. See ``package``.
"""

from layout_studio.export.epub.package import EpubBuild, build_epub, write_epub

__all__ = ["EpubBuild", "build_epub", "write_epub"]
