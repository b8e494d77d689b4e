"""The XLSX template: one sheet per table with the Chinese headers, and a 说明 sheet that lists each
column, whether it is required and what it holds (the loader ignores the 说明 sheet)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from i18n.vocabulary import ZH
from loaders.tables import TABLES, Column

_KIND_HELP = {
    "id": "编号 id (文本 text)",
    "text": "文本 text",
    "int": "整数 whole number",
    "date": "日期 date: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日",
    "bool": "是/否 yes/no",
    "list": "多个, 以 ; ； 、 , 分隔 several, separated by ; ； 、 ,",
    "uscc": "18位统一社会信用代码 18-character USCC",
    "ref": "引用的编号 id of a row",
    "refs": "多个编号, 以 ; ； 、 , 分隔 several ids",
}


def column_help(column: Column) -> str:
    """What a column holds, in Chinese and English."""
    if column.vocab is not None:
        return " | ".join(f"{ZH[m][0]} {m.value}" for m in column.vocab)
    return _KIND_HELP[column.kind]


def write_template(path: Path) -> None:
    """Write an empty workbook with one sheet per table, headers in Chinese, and a 说明 sheet."""
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "说明"
    guide.append(["表 table", "列 column", "English", "必填 required", "格式 format", "默认 default"])
    bold = Font(bold=True)
    for table in TABLES:
        sheet = workbook.create_sheet(table.zh)
        sheet.append([c.zh for c in table.columns])
        for index, column in enumerate(table.columns, start=1):
            sheet.cell(row=1, column=index).font = bold
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 16
            guide.append(
                [
                    f"{table.zh} {table.key}",
                    column.zh,
                    column.key,
                    "是" if column.required else "",
                    column_help(column),
                    column.default or "",
                ]
            )
    for cell in guide[1]:
        cell.font = bold
    for letter, width in zip("ABCDEF", (22, 16, 14, 10, 60, 10), strict=True):
        guide.column_dimensions[letter].width = width
    workbook.save(path)
