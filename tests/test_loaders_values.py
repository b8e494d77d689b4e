"""Cell values: dates, booleans, numbers, lists, USCC check characters, cleaning."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.values import (
    ValueProblem,
    clean,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    parse_uscc,
    uscc_check_char,
)


@pytest.mark.parametrize(
    "text",
    [
        "2019-03-01",
        "2019/3/1",
        "2019/03/01",
        "2019年3月1日",
        " 2019-3-1 ",
        "２０１９－０３－０１",
        "2019-03-01 00:00:00",
    ],
)
def test_dates_in_every_accepted_format(text: str) -> None:
    assert parse_date(text) == dt.date(2019, 3, 1)


def test_excel_date_cells() -> None:
    assert parse_date(dt.datetime(2020, 1, 2, 0, 0)) == dt.date(2020, 1, 2)
    assert parse_date(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)


@pytest.mark.parametrize("text", ["2019-02-30", "2019.3.1", "3/1/2019", "明年", "43525"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("是", True), ("否", False), ("TRUE", True), ("false", False), ("1", True), ("0", False), (1, True)],
)
def test_booleans(text: object, value: bool) -> None:
    assert parse_bool(text) is value


def test_bad_boolean() -> None:
    with pytest.raises(ValueProblem):
        parse_bool("可能")


def test_whole_numbers() -> None:
    assert parse_int("120") == 120
    assert parse_int(300.0) == 300
    assert parse_int("１２０") == 120
    for bad in ("-3", "1.5", "很多"):
        with pytest.raises(ValueProblem):
            parse_int(bad)


def test_lists_split_on_every_separator() -> None:
    assert parse_list("市三院；三院、三医院,昆三院，市三院; ") == ["市三院", "三院", "三医院", "昆三院"]


def test_clean_trims_and_folds_full_width() -> None:
    assert clean("  （太和）街道　") == "(太和)街道"
    assert clean("   ") is None
    assert clean(None) is None
    assert clean(1001.0) == "1001"


def test_uscc_check_character_worked_by_hand() -> None:
    # 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4 (M=21, Y=30) with weights 3^i mod 31:
    # sum = 1640, 1640 mod 31 = 28, check = 31 - 28 = 3
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert parse_uscc("91350100m000100y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "check character"),
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100I43", "not allowed"),
    ],
)
def test_bad_usccs(code: str, reason: str) -> None:
    with pytest.raises(ValueProblem, match=reason):
        parse_uscc(code)
