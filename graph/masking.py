"""Personal data masked by default (minimum necessary): pure functions, shared by every view of a person.

Phones as 138****5678, names as their first character and stars (张**), and the keys derived from a
name (pinyin, initials, search text), which would give it away, dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Person properties that are personal data, masked unless the caller holds `pii`.
PII_FIELDS = ("name", "phone")
#: Properties derived from a name; dropped when the name is masked.
DERIVED_FIELDS = ("pinyin", "initials", "keys_text", "aliases", "aliases_text")


def mask_phone(phone: Any) -> str | None:
    """Digits only, the middle hidden: '138-1234-5678' → '138****5678' (a +86 prefix is dropped); a
    shorter number keeps its last two digits ('63123456' → '******56'); None stays None."""
    if phone is None:
        return None
    digits = "".join(ch for ch in str(phone) if ch.isdigit())
    if len(digits) >= 11:  # a mobile number, maybe after a country code
        mobile = digits[-11:]
        return mobile[:3] + "****" + mobile[-4:]
    if len(digits) <= 2:
        return "*" * max(len(digits), 1)
    return "*" * (len(digits) - 2) + digits[-2:]


def mask_name(name: Any) -> str | None:
    """Keep the first character (the surname): '张三丰' → '张**'; a one-character name becomes '*'."""
    if name is None:
        return None
    text = str(name).strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


def masked_person(person: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a person's properties with the name and phone masked and name-derived keys removed."""
    masked = {k: v for k, v in person.items() if k not in DERIVED_FIELDS}
    if "name" in masked:
        masked["name"] = mask_name(masked["name"])
    if "phone" in masked:
        masked["phone"] = mask_phone(masked["phone"])
    return masked
