"""Headless batch export of contest entries, with a JSON report and a jury contact sheet.

Takes ``book.toml`` projects (or folders holding them); gives one output
folder per entry, ``report.json`` and an optional contact-sheet PDF. See
``runner`` (parallel export), ``quality`` (figures from the page model) and
``contact_sheet``.
"""
