"""Reading numbers from query strings and forms safely (issue 9, item 20).

`str.isdigit()` accepts "²" and other Unicode digits that `int()` refuses, so
`int(v) if v.isdigit() else None` answered 500 to `?stars=²`. Only ASCII digits count.
"""

import re

_ASCII_INT = re.compile(r"[0-9]{1,9}")


def safe_int(value, default=None, minimum=None, maximum=None):
    """A non-negative int of at most 9 ASCII digits, else `default`; clamped to the bounds."""
    if not isinstance(value, str) or not _ASCII_INT.fullmatch(value.strip()):
        return default
    number = int(value.strip())
    if minimum is not None:
        number = max(minimum, number)
    if maximum is not None:
        number = min(maximum, number)
    return number
