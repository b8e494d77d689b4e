"""The style table: every label readable on what it is written on (WCAG AA, 4.5:1 for text), and
every type, tie kind and gap kind named in both languages."""

from __future__ import annotations

import pytest

from visualize.frame import strings
from visualize.style import (
    CANVAS,
    CLUSTER,
    EDGE_STYLES,
    GAP_KINDS,
    LABEL_INSIDE,
    NODE_STYLES,
    OTHER_NODE,
    NodeStyle,
)

AA_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """Relative luminance of #rrggbb (WCAG 2.1)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_ratio_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#264653", "#1d2433") < 2  # the old dark-on-dark project label


STYLES = {**NODE_STYLES, "other": OTHER_NODE, "cluster": CLUSTER}


@pytest.mark.parametrize("name", sorted(STYLES))
def test_every_label_keeps_aa_contrast(name: str) -> None:
    style: NodeStyle = STYLES[name]
    behind = style.color if style.shape in LABEL_INSIDE else CANVAS
    assert style.label_background == behind
    assert contrast(style.font, behind) >= AA_TEXT, (name, style.font, behind)


def test_every_type_kind_and_gap_is_named_in_both_languages() -> None:
    words = strings()
    for lang in ("zh", "en"):
        for key in [f"type_{t}" for t in NODE_STYLES] + [f"tie_{k}" for k in EDGE_STYLES]:
            assert words[lang].get(key), (lang, key)
        for kind in GAP_KINDS:
            assert words[lang].get(f"gapkind_{kind}"), (lang, kind)
    missing = set(words["zh"]) - set(words["en"])
    assert missing == set()
