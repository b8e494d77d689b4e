"""The loaders' problem reasons (English, as the CLI and the JSON report give them) in Chinese, for the
imports page. A reason without a translation here is shown as it is."""

from __future__ import annotations

import re

# (pattern of the English reason, Chinese with \1… for the parts taken over), most specific first.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + "$", re.DOTALL), zh)
    for pattern, zh in (
        (r"required value missing", "必填项为空"),
        (r"not a date \(use .*\)", "不是日期（请用 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）"),
        (r"no such date: (.*)", r"日期不存在：\1"),
        (r"not a yes/no value \(use .*\)", "不是“是/否”值（请用 是/否、true/false 或 1/0）"),
        (r"not a whole number", "不是整数"),
        (r"unknown value; use one of: (.*)", r"取值无效，可用：\1"),
        (r"a USCC has 18 characters, this one has (\d+)", r"统一社会信用代码应为 18 位，此处为 \1 位"),
        (r"character\(s\) not allowed in a USCC: (.*)", r"统一社会信用代码含不允许的字符：\1"),
        (
            r"wrong USCC check character: (\S+) \(expected (\S+)\)",
            r"统一社会信用代码校验位错误：\1（应为 \2）",
        ),
        (r"unknown table; use one of: (.*)", r"未知的表名，可用：\1"),
        (r"column appears twice \((.*)\)", r"列重复（\1）"),
        (r"missing column (.*)", r"缺少列 \1"),
        (r"duplicate row: the same link is on (.*)", r"重复行：同一联系已在 \1"),
        (r"duplicate id: first used on (.*)", r"编号重复：首次出现在 \1"),
        (r"id already used in table (.*)", r"编号已在其他表中使用：\1"),
        (r"id already names a (.*) in the database", r"该编号在数据库中已用于\1"),
        (r"no (.*) with this id in the package or the database", r"数据包和数据库中都没有此编号的 \1"),
        (r"this id is a (.*), expected (.*)", r"此编号是\1，应为 \2"),
        (r"parent at the wrong level: (.*)", r"上级区域层级不对：\1"),
        (r"must be a (.*), not (.*)", r"应为 \1，而不是 \2"),
        (
            r"this USCC already belongs to unit (.*) in the database",
            r"此统一社会信用代码在数据库中已属于单位 \1",
        ),
        (r"skipped: refers to an invalid row \((.*)\)", r"未写入：引用了有问题的行（\1）"),
        (r"parent_id is required except for a city", "除市级外必须填写上级区域（parent_id）"),
        (
            r"give the unit \(所在单位\) or the area \(所在区域\), or both",
            "请填写所在单位或所在区域（或两者都填）",
        ),
        (r"a contract needs two or more parties", "共建协议至少需要两方"),
        (r"not found in your area \(不在您的辖区内\)(.*)", r"不在您的辖区内\1"),
        (
            r"kept the app's value (.*): the app changed this item's state after the ledger was loaded, "
            r"and owns this field now",
            r"保留系统中的值 \1：该项导入后已在系统中办理（认领、实施、签订等），"
            r"此字段以系统为准，台账中的值未写入",
        ),
    )
)


def reason_zh(reason: str) -> str:
    """A loader's problem reason in Chinese, or as it is when it has no translation."""
    for pattern, zh in _REASONS:
        match = pattern.match(reason)
        if match:
            return match.expand(zh)
    return reason
