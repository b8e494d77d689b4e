"""Search keys written on every named node, so that search needs no work at query time:
full pinyin, pinyin initials (`ssy` finds 市三院), and name variants (有限公司 / 公司, short names)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

# Longest first, so that 有限责任公司 is cut before 公司.
_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")
_NON_WORD = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), trimmed, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def name_variants(name: str) -> list[str]:
    """The name, and the name without a company suffix or with 公司 for 有限公司."""
    base = normalize(name)
    variants = [base]
    for suffix in _COMPANY_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            stem = base[: -len(suffix)]
            variants += [stem, stem + "公司"]
            break
    return list(dict.fromkeys(variants))


def pinyin(text: str) -> str:
    """Full pinyin without tones or separators: 市三院 → shisanyuan."""
    return _NON_WORD.sub("", "".join(lazy_pinyin(normalize(text)))).lower()


def initials(text: str) -> str:
    """Pinyin initials: 市三院 → ssy. Latin letters and digits are kept as they are."""
    letters = lazy_pinyin(normalize(text), style=Style.FIRST_LETTER)
    return _NON_WORD.sub("", "".join(letters)).lower()


def search_keys(name: str, aliases: Iterable[str] = ()) -> dict[str, str]:
    """Properties to store beside `name` and `aliases`: `aliases_text` for the cjk full-text index;
    `pinyin` and `initials` of the name; and `keys_text`, the space-separated pinyin, initials and
    name variants of the name and every alias, for the whitespace full-text index."""
    alias_list = [normalize(a) for a in aliases if normalize(a)]
    names = [normalize(name), *alias_list]
    keys = {pinyin(n) for n in names} | {initials(n) for n in names}
    keys |= {v.replace(" ", "") for n in names for v in name_variants(n)}
    return {
        "aliases_text": " ".join(alias_list),
        "pinyin": pinyin(name),
        "initials": initials(name),
        "keys_text": " ".join(sorted(k.lower() for k in keys if k)),
    }
