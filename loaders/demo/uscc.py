"""Unified social credit codes (统一社会信用代码, GB 32100-2015) with valid check characters."""

from __future__ import annotations

from stdnum.cn.uscc import calc_check_digit

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
    return first17 + calc_check_digit(first17)
