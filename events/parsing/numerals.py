"""Numbers as dates are written in Chinese texts: Arabic, full-width and Chinese numerals."""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# One character in, one character out, so offsets in the folded text are offsets in the original.
_FOLD_PAIRS = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
    "．": ".", "－": "-", "／": "/", "：": ":", "～": "~", "（": "(", "）": ")",
    "○": "〇", "Ｏ": "〇", "◯": "〇",
    # traditional characters that occur in date words (臘月, 閏, 農曆, 國慶節 ...)
    "臘": "腊", "閏": "闰", "農": "农", "曆": "历", "歷": "历", "節": "节", "國": "国", "慶": "庆",
    "號": "号", "時": "时", "點": "点", "陽": "阳", "勞": "劳", "動": "动", "兒": "儿", "黨": "党",
    "軍": "军", "驚": "惊", "蟄": "蛰", "穀": "谷", "滿": "满", "種": "种", "處": "处", "當": "当",
    "週": "周", "後": "后", "兩": "两", "個": "个", "婦": "妇", "師": "师", "與": "与", "陰": "阴",
    "舊": "旧", "過": "过", "間": "间", "開": "开", "會": "会", "屆": "届", "這": "这", "氣": "气",
    # reign names (光緒, 咸豐, 萬曆 ...), 該月, and the Greek delta some pages type for △
    "緒": "绪", "統": "统", "豐": "丰", "順": "顺", "禎": "祯", "萬": "万", "啓": "启", "啟": "启",
    "該": "该", "Δ": "△", "﹐": ",",
}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD_PAIRS)) + "]")

# cn2an reads 廿 but not 卅, nor a Latin O used as a zero (二O二一年).
_CN2AN_FIXES = str.maketrans({"卅": "三十", "O": "〇", "零": "〇"})


def fold(text: str) -> str:
    """Text with full-width digits and traditional date characters mapped one-to-one."""
    # A regex finds the few foldable characters much faster than str.translate walks every one.
    return _FOLDABLE.sub(lambda match: _FOLD_PAIRS[match.group()], text)


@lru_cache(maxsize=4096)
def to_int(numeral: str) -> int | None:
    """The value of an Arabic or Chinese numeral (27, 二十七, 廿七, 卅, 二〇二〇), None if unreadable."""
    numeral = "".join(numeral.split())
    if numeral.isascii():
        return int(numeral) if numeral.isdigit() else None
    try:
        value = cn2an.cn2an(numeral.translate(_CN2AN_FIXES), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


# How a reign or Republic year is numbered before 年: 元, 三十八, 一百一十, 110.
ERA_YEAR_NUMERAL = r"元|[一二三四五六七八九十百零〇廿卅]{1,5}|\d{1,3}"


def era_year_number(numeral: str) -> int | None:
    """The number of a year in a reign or the Republic: 元 is the first (民国元年), else the numeral."""
    return 1 if numeral == "元" else to_int(numeral)
