"""Cell values: cleaning (trim, full-width folding) and parsing of dates, booleans, integers, lists
and the unified social credit code (USCC). Parsers raise `ValueProblem` with a reason for the user."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from stdnum.cn.uscc import calc_check_digit as uscc_check_char  # GB 32100-2015, clause 4.3

from loaders.settings import INT64_MAX, MAX_ID_CHARS, MAX_TEXT_CHARS


class ValueProblem(ValueError):
    """A cell that does not hold a value of the expected kind; the message is the reason."""


_SPACES = re.compile(r"\s+")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
# A datetime written by a spreadsheet as text, e.g. "2019-03-01 00:00:00".
_MIDNIGHT = re.compile(r"^(\S+) 00:00(:00)?$")
_TRUE = frozenset({"是", "true", "1", "yes", "y"})
_FALSE = frozenset({"否", "false", "0", "no", "n"})
_LIST_SEPARATORS = re.compile(r"[;、,]")

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def clean(value: Any) -> str | None:
    """A cell as trimmed text with full-width characters folded (NFKC); None when empty.

    Numbers that a spreadsheet stored for an id or a phone (1001.0) come back without the `.0`."""
    if type(value) is str:  # most cells; ASCII text is already in NFKC form
        text = value if value.isascii() else unicodedata.normalize("NFKC", value)
        # Only a space is both printable and white: anything else for _SPACES makes this False.
        if not text.isprintable() or "  " in text:
            text = _SPACES.sub(" ", text)
        return text.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", str(value))).strip()
    return text or None


def parse_date(value: Any) -> dt.date:
    """A date from a spreadsheet date cell, YYYY-MM-DD, YYYY/M/D or YYYY年M月D日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(value) or ""
    midnight = _MIDNIGHT.match(text)
    if midnight:
        text = midnight.group(1)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueProblem(f"no such date: {text}") from None
    raise ValueProblem("not a date (use YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)")


def parse_bool(value: Any) -> bool:
    """是/否, true/false, 1/0 (any case)."""
    text = (clean(value) or "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem("not a yes/no value (use 是/否, true/false or 1/0)")


def parse_int(value: Any) -> int:
    """A whole number, zero or more, that Neo4j can store (64-bit)."""
    text = (clean(value) or "").replace(",", "")
    if not re.fullmatch(r"\d{1,30}", text):
        raise ValueProblem("not a whole number" if not text.isdigit() else _TOO_BIG)
    number = int(text)
    if number > INT64_MAX:
        raise ValueProblem(_TOO_BIG)
    return number


_TOO_BIG = f"too large: at most {INT64_MAX:,} (数值过大)"


def parse_list(value: Any) -> list[str]:
    """Items separated by ; ； 、 , or ，, each trimmed, empty ones dropped, order kept. A JSON
    array is taken item by item (each a single value)."""
    if isinstance(value, list | tuple):
        parts = [clean(check_scalar(item)) or "" for item in value]
    else:
        parts = _LIST_SEPARATORS.split(clean(value) or "")
    items = (item.strip() for item in parts)
    return list(dict.fromkeys(item for item in items if item))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_scalar(value: Any) -> Any:
    """The value, if it is a single value: a JSON object or array in a cell is refused, not stored as
    its Python text."""
    if isinstance(value, dict | list | tuple | set):
        raise ValueProblem("not a single value: an object or array cannot go in this cell (不是单个值)")
    return value


def check_text(text: str, *, is_id: bool = False) -> str:
    """Cleaned text that Neo4j can store and index: no control character (a NUL, say) and not
    longer than an id or a text may be."""
    bad = _CONTROL.search(text)
    if bad is not None:
        raise ValueProblem(f"holds a control character (U+{ord(bad.group()):04X}); remove it (含有控制字符)")
    limit = MAX_ID_CHARS if is_id else MAX_TEXT_CHARS
    if len(text) > limit:
        raise ValueProblem(f"too long: {len(text):,} characters, at most {limit:,} (内容过长)")
    return text


def parse_uscc(value: Any) -> str:
    """An 18-character unified social credit code whose check character is right (upper-cased)."""
    code = (clean(value) or "").upper()
    if len(code) != 18:
        raise ValueProblem(f"a USCC has 18 characters, this one has {len(code)}")
    bad = sorted({ch for ch in code if ch not in USCC_CHARS})
    if bad:
        raise ValueProblem(f"character(s) not allowed in a USCC: {''.join(bad)}")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValueProblem(f"wrong USCC check character: {code[17]} (expected {expected})")
    return code
