"""Unified social credit codes (统一社会信用代码, GB 32100-2015) with valid check characters."""

from __future__ import annotations

#: The 31 characters a code may use (no I, O, Z, S, V), in the order that gives their values.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Registration authority and organization type (first two characters) for each unit kind.
KIND_PREFIX: dict[str, str] = {
    "agency": "11",  # 机构编制, 机关
    "institution": "12",  # 机构编制, 事业单位
    "soe": "91",  # 工商, 企业
    "private": "91",
    "social": "52",  # 民政, 民办非企业单位
    "property": "91",
    "owners": "",  # an owners' committee usually has no code
    "police": "11",
    "other": "93",  # 工商, 农民专业合作社 and the like
}


def check_character(first17: str) -> str:
    """The 18th character of a code whose first 17 characters are given (GB 32100-2015, clause 4.3)."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_code(serial: int) -> str:
    """A 9-character organization code (GB 11714) from an 8-digit serial, with its check character."""
    body = f"{serial:08d}"
    if len(body) != 8:
        raise ValueError(f"serial out of range: {serial}")
    check = 11 - sum(int(ch) * w for ch, w in zip(body, _ORG_CODE_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(prefix: str, admin_code: str, serial: int) -> str:
    """A valid 18-character code: 2-character prefix, 6-digit admin code, organization code, check."""
    first17 = prefix + admin_code + org_code(serial)
    return first17 + check_character(first17)
