"""The words of the data shown on the workbench pages (gaps, structural gaps, matches), Chinese and
English, gathered from the one place each is written: the column headers from reports/catalog.py (the
same as the exports'), unit kinds and categories from i18n/vocabulary.py, kinds of link and of
structural gap and the reasons of a match from i18n/reasons.py.

The interface words of the pages (labels, buttons, hints) are in visualize/static/i18n.json, as every
page's are; these travel in the page's data island, and its script shows the language chosen.
"""

from __future__ import annotations

from graph.vocabulary import Category, UnitKind
from i18n.reasons import AREA_GAP_WORDS, LINK_WORDS, MATCH_REASON_WORDS
from i18n.vocabulary import en, zh
from reports.catalog import AREA_GAPS, CLAIM_HALL, MATCHES, UNIT_GAPS


def workbench_words() -> dict[str, dict[str, str]]:
    """{"zh": {key: word}, "en": {...}}: column headers as `col_<report>_<key>` (report: units, areas,
    matches, hall), unit kinds as `kind_<code>`, categories as `cat_<code>`, kinds of link as `link_<code>`,
    structural gaps as `gap_<code>` and match reasons as `reason_<code>` (`{n}` stands for a number)."""
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    reports = (("units", UNIT_GAPS), ("areas", AREA_GAPS), ("matches", MATCHES), ("hall", CLAIM_HALL))
    for name, report in reports:
        for column in report.columns:
            key = f"col_{name}_{column.key}"
            out["zh"][key], out["en"][key] = column.header, column.heading("en")
    for code in (*UnitKind, *Category):
        prefix = "kind_" if isinstance(code, UnitKind) else "cat_"
        out["zh"][prefix + code.value], out["en"][prefix + code.value] = zh(code), en(code)
    for prefix, table in (("link_", LINK_WORDS), ("gap_", AREA_GAP_WORDS), ("reason_", MATCH_REASON_WORDS)):
        for code, (zh_text, en_text) in table.items():
            out["zh"][prefix + code], out["en"][prefix + code] = zh_text, en_text
    return out


UNIT_KINDS = [kind.value for kind in UnitKind]
CATEGORIES = [category.value for category in Category]
GAP_KINDS = list(AREA_GAP_WORDS)
