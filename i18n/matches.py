"""The words of the matches' reasons, Chinese and English, one phrase per reason code."""

from __future__ import annotations

from typing import Any

#: Reason code → (Chinese, English); `{n}` is the number of projects already using the resource.
REASONS: dict[str, tuple[str, str]] = {
    "same_community": ("同一社区", "same community"),
    "same_street": ("同一街道", "same street"),
    "other_street": ("另一街道（本街道无可匹配资源）", "another street (nothing nearer fits)"),
    "same_alliance": ("已在同一联盟", "already in the same alliance"),
    "contract_in_force": ("已有履行中的共建协议", "a contract already in force"),
    "seat": ("已在社区大党委任职", "already holds a seat on the big committee"),
    "similar_title": ("资源与需求相近", "resource close to the need"),
    "same_category": ("同类资源", "same category"),
    "no_projects": ("尚未承接项目", "not yet used by a project"),
    "projects": ("已承接 {n} 个项目", "already used by {n} projects"),
}


def reason_words(row: dict[str, Any], lang: str = "zh") -> list[str]:
    """A match's reasons as phrases in `lang` (zh or en)."""
    index = 1 if lang == "en" else 0
    return [REASONS[code][index].replace("{n}", str(row.get("projects", 0))) for code in row["reason_codes"]]


def reason_strings() -> dict[str, dict[str, str]]:
    """The phrases by language, for the matches page's script: {"zh": {code: phrase}, "en": {...}}."""
    return {lang: {code: words[i] for code, words in REASONS.items()} for i, lang in enumerate(("zh", "en"))}
