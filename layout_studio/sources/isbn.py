"""ISBN given in a project: checked and normalised with python-stdnum.

Takes the text a user typed (``978-2-…``, spaces or hyphens, ISBN-10 or
ISBN-13); gives the 13 digits, or raises ``ValueError`` with the reason in
French, for the caller to name the file and key.
"""

from __future__ import annotations


def parse_isbn(value: str) -> str:
    """The ISBN-13 digits of ``value``; ``ValueError`` when it is not a valid ISBN."""
    from stdnum import isbn  # only for a book with an ISBN (cold start)
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

    try:
        checked = isbn.validate(value)
    except InvalidChecksum:
        raise ValueError("chiffre de contrôle faux") from None
    except InvalidLength:
        raise ValueError("10 ou 13 chiffres attendus") from None
    except InvalidComponent:
        raise ValueError("un ISBN-13 commence par 978 ou 979") from None
    except InvalidFormat:
        raise ValueError(
            "seuls des chiffres (et X en dernier pour un ISBN-10) sont admis"
        ) from None
    return str(isbn.to_isbn13(checked))


def format_isbn(digits: str) -> str:
    """The ISBN-13 with its hyphens where the ranges are known (978-2-07-…)."""
    from stdnum import isbn

    return str(isbn.format(digits))
