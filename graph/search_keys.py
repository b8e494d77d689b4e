"""Search keys written on every named node, so that search needs no work at query time:
full pinyin, pinyin initials (`ssy` finds 市三院), and name variants (有限公司 / 公司, short names)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import RE_HANS
from pypinyin.seg import mmseg
from pypinyin.seg.simpleseg import seg

# Longest first, so that 有限责任公司 is cut before 公司.
_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")
_NON_WORD = re.compile(r"[\s\W_]+", re.UNICODE)
# Whole strings rarely repeat (a name and its aliases do, within one node); segments repeat a lot.
_STRING_CACHE = 1 << 12
_SEGMENT_CACHE = 1 << 16


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
    return _pinyin_keys(normalize(text))[0]


def initials(text: str) -> str:
    """Pinyin initials: 市三院 → ssy. Latin letters and digits are kept as they are."""
    return _pinyin_keys(normalize(text))[1]


@lru_cache(maxsize=_STRING_CACHE)
def _pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of normalized text: `lazy_pinyin` in the NORMAL and FIRST_LETTER
    styles, from the same segmentation `lazy_pinyin` makes, segment by cached segment."""
    full: list[str] = []
    first: list[str] = []
    # All Chinese (most names): `seg` would cut the one run with mmseg; skip its per-character scan.
    words = mmseg.seg.cut(text) if RE_HANS.match(text) else seg(text)
    for word in words:
        word_full, word_first = _segment_pinyin(word)
        full.append(word_full)
        first.append(word_first)
    return _NON_WORD.sub("", "".join(full)).lower(), _NON_WORD.sub("", "".join(first)).lower()


@lru_cache(maxsize=_SEGMENT_CACHE)
def _segment_pinyin(word: str) -> tuple[str, str]:
    # A segment of `seg` segments to itself (forward maximum matching), so a one-item list converts
    # it exactly as within its string.
    return "".join(lazy_pinyin([word])), "".join(lazy_pinyin([word], style=Style.FIRST_LETTER))


def search_keys(name: str, aliases: Iterable[str] = ()) -> dict[str, str]:
    """Properties to store beside `name` and `aliases`: `aliases_text` for the cjk full-text index;
    `pinyin` and `initials` of the name; and `keys_text`, the space-separated pinyin, initials and
    name variants of the name and every alias, for the whitespace full-text index."""
    alias_list = [a for a in (normalize(a) for a in aliases) if a]
    base = normalize(name)
    names = [base, *alias_list]
    keys = {key for n in names for key in _pinyin_keys(n)}
    keys |= {v.replace(" ", "") for n in names for v in name_variants(n)}
    full, first = _pinyin_keys(base)
    return {
        "aliases_text": " ".join(alias_list),
        "pinyin": full,
        "initials": first,
        "keys_text": " ".join(sorted(k.lower() for k in keys if k)),
    }
