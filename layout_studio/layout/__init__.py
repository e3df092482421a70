"""Layout: items (box, glue, penalty), line breaking and, later, pagination.

Takes measured paragraphs; gives lines (and, with issue 3, pages). Pure
Python: never imports Qt or reportlab.
"""
