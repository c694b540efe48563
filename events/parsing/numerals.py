"""Numbers and characters as Chinese texts write them: Arabic, full-width and Chinese numerals, and
the traditional characters that the date and event rules read as simplified ones.

Every folding here maps one character to one, so offsets in a folded text are offsets in the original.
"""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# Traditional characters of the words the event rules read (區委書記, 揭幕, 頒獎, surnames ...).
_TRADITIONAL_WORDS = (
    "區會議書記開長舉屆員協調訪視檢導訓練禮儀動問報題為務黨縣鎮機關傳達學習們與參觀團體專組織於從後來這個對發經濟點種衛藝歲節萬億臘閏號時間週實際現場議紀錄講慶頒獎揭幕閉幕誓幫興濟養護療醫藥衛屬龍鳳聯銷總統戰區黨員領導頭條專訪辦處廳審計護環衛視頻電話聽彙匯議屆張陳劉楊趙黃吳孫馬鄭蕭羅謝韓馮許鄧蔣沈盧範葉嚴賈錢戴鍾薛閻龐殷鄒譚傅驗評賽競覽義診贈簽約掛輪輔課轉載臺談進討論證見隊帶臨強",
    "区会议书记开长举届员协调访视检导训练礼仪动问报题为务党县镇机关传达学习们与参观团体专组织于从后来这个对发经济点种卫艺岁节万亿腊闰号时间周实际现场议纪录讲庆颁奖揭幕闭幕誓帮兴济养护疗医药卫属龙凤联销总统战区党员领导头条专访办处厅审计护环卫视频电话听汇汇议届张陈刘杨赵黄吴孙马郑萧罗谢韩冯许邓蒋沈卢范叶严贾钱戴钟薛阎庞殷邹谭傅验评赛竞览义诊赠签约挂轮辅课转载台谈进讨论证见队带临强",
)
# Traditional characters of date words, full-width digits and punctuation: what the date scan reads.
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
_DATE_TRADITIONAL = {old: new for old, new in _FOLD_PAIRS.items() if "\u4e00" <= old <= "\u9fff"}
_TRADITIONAL = str.maketrans({**dict(zip(*_TRADITIONAL_WORDS, strict=True)), **_DATE_TRADITIONAL})
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD_PAIRS)) + "]")

# cn2an reads 廿 but not 卅, nor a Latin O used as a zero (二O二一年).
_CN2AN_FIXES = str.maketrans({"卅": "三十", "O": "〇", "零": "〇"})


def fold(text: str) -> str:
    """Text with full-width digits and traditional date characters mapped one-to-one."""
    # A regex finds the few foldable characters much faster than str.translate walks every one.
    return _FOLDABLE.sub(lambda match: _FOLD_PAIRS[match.group()], text)


def fold_traditional(text: str) -> str:
    """Traditional characters the date and event rules care about, as simplified ones."""
    return text.translate(_TRADITIONAL)


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
