"""Reading date pieces and joining adjacent ones into phrases (2020年 + 6月 + 13日 + 上午, ranges)."""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from events.parsing.dates.tokens import Token, tokenize
from events.parsing.numerals import era_year_number, fold, to_int

_ERA_FIRST_YEARS = {
    "民国": 1912, "民國": 1912,
    # Japan's reigns, as Taiwan's records of 1895–1945 count them
    "明治": 1868, "大正": 1912, "昭和": 1926,
    # Qing
    "宣统": 1909, "光绪": 1875, "同治": 1862, "咸丰": 1851, "道光": 1821, "嘉庆": 1796, "乾隆": 1736,
    "雍正": 1723, "康熙": 1662, "顺治": 1644,
    # Ming
    "崇祯": 1628, "天启": 1621, "泰昌": 1620, "万历": 1573, "隆庆": 1567, "嘉靖": 1522, "正德": 1506,
    "弘治": 1488, "成化": 1465, "天顺": 1457, "景泰": 1450, "正统": 1436, "宣德": 1426, "洪熙": 1425,
    "永乐": 1403, "建文": 1399, "洪武": 1368,
}  # fmt: skip
_DAYPARTS = {
    "上午": "morning", "早上": "morning", "早晨": "morning", "清晨": "morning", "凌晨": "morning",
    "早": "morning",
    "下午": "afternoon", "中午": "afternoon", "傍晚": "evening", "晚上": "evening", "晚间": "evening",
    "夜间": "evening", "夜里": "evening", "当晚": "evening", "晚": "evening",
}
_AFTERNOON_OR_LATER = {"下午", "傍晚", "晚上", "晚间", "夜间", "夜里", "当晚", "晚"}
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_YEAR_OFFSETS = {"去": -1, "上": -1, "明": 1, "次": 1, "翌": 1}  # 今年, 本年, 当年, 同年 ... are 0
# Between two pieces of a date: print spacing, or a pinyin gloss a mirror site put after a character
# (1999年(nian)12月20日(ri)).
_GAP = re.compile(r"[ \t\u3000]{0,2}(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)[ \t\u3000]{0,2})?")
_PAGE_BREAK = re.compile(r"[ \t\u3000]*\r?\n\s{0,6}")
# 1月1日起至3月31日; a line or page break may follow 至 (6月13日至⏎15日), as a line never ends with it.
_RANGE_GAP = re.compile(
    r"[ \t\u3000]{0,2}起?(?:至|到|—{1,2}|–|-|~|―)[ \t\u3000]{0,2}(?:\r?\n[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?)?"
)
# Characters before a bare day number (3日) that make it a count or an ordinal, not a date.
# 月 too: a day written right after 月 that did not join a month (每月15日) repeats every month.
_NOT_BEFORE_BARE_DAY = set("第每近前后连续数共约余逾超达满仅只这那上下头末各期时历用耗计月")
_NOT_AFTER_BARE_DAY = (
    "内", "以内", "之内", "均", "间", "左右", "以上", "以下", "后", "多", "余", "天", "的时间",
)
_NOT_BEFORE_MONTH = set("第每近前个数约共余逾超达满仅只连")
_EVERY_YEAR = ("每年", "每一年", "逢年")  # 每年3月 repeats every year: no date


@dataclass(frozen=True, slots=True)
class DateParts:
    """What a phrase says about a date, before context fills in what it leaves out."""

    year: int | None = None  # an explicit Gregorian year (民国九年 is 1920)
    year_to: int | None = None  # the last year of 2018—2020年, 十三五
    year_offset: int | None = None  # 今年 0, 去年 -1, 明年 1: relative to the context year
    back_reference: bool = False  # 是年, 同年, 该年, 次年: the year written last, not the report's
    era_start: int | None = None  # the first year of the reign a year is counted in (民国: 1912)
    era_number: int | None = None  # 四十二年 with no reign named: the 42nd year of the one above
    glued: str | None = None  # 119日: month and day digits run together, split by the entries' order
    bare_entry: bool = False  # 28  … : an entry's day number without its 日, read only under a month
    ganzhi: str | None = None  # 庚子年: the nearest such year
    month: int | None = None
    month_to: int | None = None
    day: int | None = None
    day_to: int | None = None
    lunar: bool = False
    chinese_numerals: bool = False  # the month or day is written in Chinese numerals (三月, 十四日; not 3月)
    leap: bool = False
    year_part: str | None = None  # 初 底 末 中 上半年 下半年 一季度 前三季度 春季 ...
    month_part: str | None = None  # 上旬 中旬 下旬 上中旬 中下旬 初 中 底 末
    festival: str | None = None
    period: bool = False  # 春节期间, 国庆长假: the holiday's days
    named_day: str | None = None  # 助残日, 国家宪法日: see named_days
    vacation: bool = False  # 暑假: July and August
    term: str | None = None
    relative: str | None = None  # 同日 次日 是月 △ ...
    time: str | None = None
    stamp: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Adjacent pieces read together: one mention, or a range of two when `until` is set."""

    start: int
    end: int
    parts: DateParts
    first_level: int  # 0 year, 1 month, 2 day, 3 time: which parts it starts and ends with
    last_level: int
    until: DateParts | None = None


@dataclass(frozen=True, slots=True)
class _Piece:
    token: Token
    parts: DateParts
    first_level: int
    last_level: int
    closed: bool  # a part (底, 上旬, 上半年) ends the phrase


def _clock(groups: dict) -> str | None:
    prefix = groups.get("t_pre", "")
    if "t_hh" in groups:
        hour, minute = int(groups["t_hh"]), int(groups["t_mm"])
    else:
        hour = to_int(groups["t_h"])
        minute = 30 if "t_half" in groups else to_int(groups.get("t_min", "0"))
    if hour is None or minute is None:
        return None
    if prefix in _AFTERNOON_OR_LATER and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _year_number(numeral: str) -> int | None:
    year = to_int(numeral)
    return year if year is not None and 1000 <= year <= 2199 else None


def _era_year(groups: dict) -> int | None:
    number = era_year_number(groups["era_n"])
    return None if number is None else _ERA_FIRST_YEARS[groups["era_name"]] + number - 1


def _plan_years(groups: dict) -> tuple[int, int]:
    # The 3rd five-year plan began in 1966 and each one since has run five years (十三五 = 2016–2020).
    first = 1966 + 5 * (to_int(groups["plan_n"]) - 3)
    return first, first + 4


def _stamp(token: Token, g: dict) -> _Piece:
    parts = DateParts(year=int(g["st_y"]), month=int(g["st_m"]), day=int(g["st_d"]), time=g.get("st_time"),
                      stamp=True)
    return _Piece(token, parts, 0, 3, True)


def _era_numeric(token: Token, g: dict) -> _Piece:
    day = int(g["en_d"]) if "en_d" in g else None
    parts = DateParts(year=_ERA_FIRST_YEARS["民国"] + int(g["en_y"]) - 1, month=int(g["en_m"]), day=day)
    return _Piece(token, parts, 0, 2 if day else 1, True)


def _numeric(token: Token, g: dict) -> _Piece:
    parts = DateParts(year=int(g["nu_y"]), month=int(g["nu_m"]), day=int(g["nu_d"]), time=g.get("nu_time"))
    return _Piece(token, parts, 0, 3 if parts.time else 2, bool(parts.time))


def _dotted(token: Token, g: dict) -> _Piece:
    if token.kind == "comma_md":  # 1﹐15(一二,一): the lunar gloss is part of the date, not a second one
        return _Piece(token, DateParts(month=int(g["cm_m"]), day=int(g["cm_d"])), 1, 2, True)
    return _Piece(token, DateParts(month=int(g["do_m"]), day=int(g["do_d"])), 1, 2, True)


def _year_range(token: Token, g: dict) -> _Piece | None:
    if token.kind == "plan":
        first, last = _plan_years(g)
    else:
        first = _year_number(g["yr_a"])
        if "yr_short" in g:  # 1941- 45年: the century of the first year
            last = None if first is None else first - first % 100 + int(g["yr_short"])
            last = last + 100 if last is not None and last <= first else last  # 1998-02年
        else:
            last = _year_number(g["yr_b"])
    if first is None or last is None or last < first:
        return None
    return _Piece(token, DateParts(year=first, year_to=last), 0, 0, True)


def _year(token: Token, g: dict) -> _Piece | None:
    """2020年, 民国九年, 庚子年, 今年 — with a part after it (底, 上半年, 三季度) when there is one."""
    part = g.get("y_part") or g.get("ry_part")
    part = None if part == "度" else part and part.removeprefix("年")  # 2020年年底 is 2020年底
    if part in ("春", "夏", "秋", "冬"):  # 1958年春 is 1958年春季
        part += "季"
    if token.kind == "era":
        parts = DateParts(year=_era_year(g), era_start=_ERA_FIRST_YEARS[g["era_name"]])
    elif token.kind == "era_bare":
        parts = DateParts(era_number=to_int(g["eb_n"]))
    elif token.kind == "ganzhi":
        parts = DateParts(ganzhi=g["gz"])
    elif token.kind == "year":
        parts = DateParts(year=_year_number(g["y"]))
    elif token.kind == "bare_year":
        parts = DateParts(year=int(g["by"]))
    else:
        parts = DateParts(year_offset=_YEAR_OFFSETS.get(g["ry"], 0), back_reference=g["ry"] in "是同当该次翌")
    number = parts.era_number if token.kind == "era_bare" else parts.year
    if token.kind in ("era", "year", "era_bare", "bare_year") and not number:
        return None
    return _Piece(token, dataclasses.replace(parts, year_part=part), 0, 0, part is not None)


def _year_part(token: Token, g: dict) -> _Piece:
    return _Piece(token, DateParts(year_part=g["yp"].replace(" ", "").removeprefix("年")), 0, 0, True)


def _month(token: Token, g: dict) -> _Piece | None:
    month = 1 if g.get("m") == "元" else to_int(g.get("m") or g["mr_a"])
    month_to = to_int(g["mr_b"]) if "mr_b" in g else None
    if month is None or not 1 <= month <= 12 or (month_to is not None and not month < month_to <= 12):
        return None
    part = g.get("m_part")
    chinese = not (g.get("m") or g["mr_a"]).isascii() and g.get("m") != "元"
    parts = DateParts(month=month, month_to=month_to, month_part=part, chinese_numerals=chinese)
    return _Piece(token, parts, 1, 1, part is not None or month_to is not None or "m_fen" in g)


def _lunar(token: Token, g: dict) -> _Piece:
    month_name, day_name = g.get("lu_m") or g["lb_m"], g.get("lu_d") or g.get("lb_d")
    month = _LUNAR_MONTHS.get(month_name) or to_int(month_name)
    day = to_int(day_name.removeprefix("初")) if day_name else None
    day_to = to_int(g["lu_to"].removeprefix("初")) if "lu_to" in g else None  # 正月初一至初五
    if day_to is not None and day_to <= day:
        day_to = None
    parts = DateParts(month=month, day=day, day_to=day_to, lunar=True, leap="lu_leap" in g)
    return _Piece(token, parts, 1, 2 if day else 1, False)


def _day(token: Token, g: dict) -> _Piece | None:
    day = to_int(g.get("d") or g["dr_a"])
    day_to = int(g["dr_b"]) if "dr_b" in g else None
    if day is None or not 1 <= day <= 31 or (day_to is not None and not day < day_to <= 31):
        return None
    chinese = not (g.get("d") or g["dr_a"]).isascii()
    return _Piece(token, DateParts(day=day, day_to=day_to, chinese_numerals=chinese), 2, 2, False)


def _glued(token: Token, g: dict) -> _Piece:
    year = int(g["gm_y"]) if "gm_y" in g else None
    return _Piece(token, DateParts(year=year, glued=g["gm"].replace(" ", "")), 2, 2, True)


def _entry_day(token: Token, g: dict) -> _Piece | None:
    """28  …, 327  …, 8月12~15  …: a day, a month and day run together, or a month and days."""
    number, day_to = int(g["ent_d"]), int(g["ent_to"]) if "ent_to" in g else None
    if "ent_m" in g:
        if not 1 <= number <= 31 or (day_to is not None and day_to <= number):
            return None
        return _Piece(token, DateParts(month=int(g["ent_m"]), day=number, day_to=day_to), 1, 2, False)
    if number <= 31:
        parts = DateParts(day=number, day_to=day_to, bare_entry=True)
    else:
        parts = DateParts(glued=g["ent_d"], day_to=day_to, bare_entry=True)
    return _Piece(token, parts, 2, 2, day_to is not None or parts.glued is not None)


def _festival(token: Token, g: dict) -> _Piece:
    if token.kind == "named_day":
        return _Piece(token, DateParts(named_day=g["nd"]), 2, 2, False)
    if token.kind == "vacation":
        return _Piece(token, DateParts(vacation=True), 1, 1, True)
    parts = DateParts(festival=g.get("fe"), term=g.get("te"), period="fe_period" in g)
    return _Piece(token, parts, 2, 2, parts.period)


def _month_part(token: Token, g: dict) -> _Piece:
    """下旬, 月底 on their own: a part of the month of the heading or the sentence."""
    return _Piece(token, DateParts(relative="月", month_part=g.get("xun_part") or g["edge"]), 1, 1, True)


def _relative(token: Token, g: dict) -> _Piece:
    relative = g.get("rel") or g.get("mark") or g["item"]
    level = 1 if relative.endswith("月") else 2
    time = "evening" if relative == "当晚" else None
    return _Piece(token, DateParts(relative=relative, month_part=g.get("rel_part"), time=time), level, level,
                  "rel_part" in g)


def _time(token: Token, g: dict) -> _Piece | None:
    time = _clock(g) if token.kind == "clock" else _DAYPARTS[g["dp"]]
    return None if time is None else _Piece(token, DateParts(time=time), 3, 3, True)


# How each kind of token (tokens._TOKEN_PATTERNS) is read.
_READERS = {
    "stamp": _stamp, "numeric": _numeric, "era_numeric": _era_numeric, "dotted": _dotted, "comma_md": _dotted,
    "year_range": _year_range,
    "plan": _year_range,
    "era": _year, "era_bare": _year, "bare_year": _year,
    "ganzhi": _year, "year": _year, "rel_year": _year, "year_part": _year_part, "month": _month,
    "month_range": _month, "lunar": _lunar, "lunar_bare": _lunar, "day": _day, "day_range": _day,
    "glued_md": _glued, "entry_day": _entry_day,
    "festival": _festival, "named_day": _festival, "vacation": _festival, "term": _festival,
    "xun": _month_part,
    "month_edge": _month_part,
    "relative": _relative, "marker": _relative, "clock": _time, "daypart": _time,
}


def _read(token: Token) -> _Piece | None:
    """The meaning of one token, or None when it cannot be a date piece after all."""
    return _READERS[token.kind](token, token.groups)


def _can_follow(current: _Piece, nxt: _Piece, text: str, phrase_start: int) -> bool:
    """Whether nxt continues the phrase that current ends (2020年 → 6月 → 13日 → 上午)."""
    if current.closed:
        return False
    if _GAP.fullmatch(text, current.token.end, nxt.token.start) is None and not _torn(
        text, phrase_start, current.token.end, nxt.token.start
    ):
        return False
    if nxt.first_level == 3:
        return current.last_level == 2
    if current.last_level == 0 and (nxt.parts.lunar or nxt.parts.festival or nxt.parts.term
                                    or nxt.parts.named_day):
        return True
    if current.parts.lunar and not nxt.parts.lunar:
        return False
    return nxt.first_level == current.last_level + 1 and nxt.parts.relative is None


_PART_NAMES = tuple(field.name for field in dataclasses.fields(DateParts))


def _torn(text: str, phrase_start: int, gap_start: int, gap_end: int) -> bool:
    """A page break inside a date (…截至2020年⏎⏎12月底): the line it ends holds more than the date.

    A date alone on its line is a heading (2018年⏎1月⏎5日　…), which the next line does not continue;
    so is a line of one year written several ways (一七九五年乙卯清乾隆六十年⏎正月…).
    """
    if _PAGE_BREAK.fullmatch(text, gap_start, gap_end) is None:
        return False
    line_start = text.rfind("\n", 0, phrase_start) + 1
    return _WORDS.search(text, line_start, phrase_start) is not None


# What a line holds besides dates: a heading line of one year written several ways holds none.
_WORDS = re.compile(r"[^\s\d〇零一二三四五六七八九十年甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥()（）清明]"
                    )


def _merge(pieces: list[_Piece]) -> DateParts:
    if len(pieces) == 1:
        return pieces[0].parts
    values = {}
    for piece in pieces:
        for name in _PART_NAMES:
            value = getattr(piece.parts, name)
            if name == "time" and value is not None and "time" in values:
                value = _clock_after(values["time"], value)
            if value is not None and value is not False:
                values[name] = value
    return DateParts(**values)


def _clock_after(daypart: str, clock: str) -> str:
    """当晚8时 is 20:00: a clock time after an afternoon or evening word is in the afternoon."""
    hour, _, minute = clock.partition(":")
    if daypart in ("afternoon", "evening") and minute and int(hour) < 12:
        return f"{int(hour) + 12:02d}:{minute}"
    return clock


def _is_chinese_day(piece: _Piece) -> bool:
    return piece.token.kind == "day" and not piece.token.groups["d"].isascii()


def _stands_alone(piece: _Piece, text: str) -> bool:
    """Whether a phrase may start with this piece (a bare 3日 or 3月 needs a look around)."""
    token = piece.token
    before = text[token.start - 1] if token.start else "\n"
    if token.kind == "entry_day":
        return text[text.rfind("\n", 0, token.start) + 1 : token.start].strip() == ""
    if token.kind in ("day", "day_range", "glued_md"):
        if token.groups.get("d_unit") == "号":
            return False
        # 十四日 and 119日 head an entry at a line's start, but 一日三餐 is no date
        if _is_chinese_day(piece) or token.kind == "glued_md":
            return text[text.rfind("\n", 0, token.start) + 1 : token.start].strip() == ""
        return before not in _NOT_BEFORE_BARE_DAY and not before.isdigit() and not text.startswith(
            _NOT_AFTER_BARE_DAY, token.end)
    if token.kind in ("month", "month_range"):
        return before not in _NOT_BEFORE_MONTH and not text.endswith(_EVERY_YEAR, 0, token.start)
    return piece.first_level < 3


# Reigns before the Republic counted months and days in the lunar calendar (道光元年五月十日).
_GREGORIAN_ERAS = {"民国", "民國", "明治", "大正", "昭和"}


def _phrase(pieces: list[_Piece]) -> Phrase:
    parts = _merge(pieces)
    first = pieces[0].token
    if first.kind == "era" and first.groups["era_name"] not in _GREGORIAN_ERAS and parts.month is not None:
        parts = dataclasses.replace(parts, lunar=True)
    return Phrase(first.start, pieces[-1].token.end, parts, pieces[0].first_level, pieces[-1].last_level)


def _take_phrase(pieces: list[_Piece], index: int, text: str) -> tuple[list[_Piece], int]:
    """The longest run of pieces from index that reads as one date, and the index after it."""
    run = [pieces[index]]
    index += 1
    while index < len(pieces) and _can_follow(run[-1], pieces[index], text, run[0].token.start):
        if _is_chinese_day(pieces[index]) and run[-1].token.kind != "month":
            break
        run.append(pieces[index])
        index += 1
    return run, index


def phrases(tokens: list[Token], text: str) -> list[Phrase]:
    """Tokens joined into phrases and ranges (6月13日至15日 is one phrase), left to right."""
    pieces = _without_named_twice([piece for piece in map(_read, tokens) if piece is not None])
    found, index = [], 0
    while index < len(pieces):
        if not _stands_alone(pieces[index], text):
            index += 1
            continue
        run, index = _take_phrase(pieces, index, text)
        run, index = _across_gloss(run, pieces, index, text)
        phrase = _phrase(run)
        if index < len(pieces) and not run[-1].parts.stamp:
            phrase, index = _extend_to_range(phrase, pieces, index, text)
        found.append(phrase)
    return found


_GLOSS = re.compile(r"[ \t\u3000]{0,2}\((?:公元)?\s?(?P<year>1\d{3}|20\d\d)\s?年?\)[ \t\u3000]{0,2}")


def _across_gloss(run: list[_Piece], pieces: list[_Piece], index: int, text: str) -> tuple[list[_Piece], int]:
    """民國17年(1928年)2月28日: an era year, its Gregorian year in brackets, then the month and day,
    read as one date in the bracketed year; the brackets are no date of their own."""
    last = run[-1]
    if last.closed or last.last_level != 0 or last.parts.year is None or index >= len(pieces):
        return run, index
    gloss = _GLOSS.match(text, last.token.end)
    if gloss is None:
        return run, index
    after = index
    while after < len(pieces) and pieces[after].token.start < gloss.end():
        after += 1
    if after >= len(pieces) or pieces[after].token.start != gloss.end() or pieces[after].first_level != 1:
        return run, index
    month_run, end = _take_phrase(pieces, after, text)
    year = dataclasses.replace(last, parts=dataclasses.replace(last.parts, year=int(gloss.group("year"))))
    return [*run[:-1], year, *month_run], end


def _without_named_twice(pieces: list[_Piece]) -> list[_Piece]:
    """“3·15”国际消费者权益日 names one day twice: the quoted date stands, the name is no second date."""
    kept = []
    for piece in pieces:
        named_after_date = piece.token.kind == "named_day" and kept and kept[-1].token.kind == "dotted" \
            and piece.token.start - kept[-1].token.end <= 1
        if not named_after_date:
            kept.append(piece)
    return kept


def _extend_to_range(phrase: Phrase, pieces: list[_Piece], index: int, text: str) -> tuple[Phrase, int]:
    """6月13日 + 至 + 15日 → one phrase whose `until` is the second date."""
    nxt = pieces[index]
    if _RANGE_GAP.fullmatch(text, phrase.end, nxt.token.start) is None or nxt.first_level == 3:
        return phrase, index
    same_month_part = phrase.parts.month_part and phrase.last_level == 1 and not phrase.parts.lunar
    if nxt.token.kind == "xun" and same_month_part:
        # 3月上旬至中旬: the second part is of the same month.
        month = phrase.parts.month_to or phrase.parts.month
        until = DateParts(month=month, month_part=nxt.parts.month_part)
        return dataclasses.replace(phrase, end=nxt.token.end, until=until), index + 1
    if _is_chinese_day(nxt) or nxt.parts.relative or nxt.parts.stamp:
        return phrase, index
    run, after = _take_phrase(pieces, index, text)
    second = _phrase(run)
    if second.first_level < phrase.first_level or second.last_level != phrase.last_level:
        return phrase, index
    if phrase.parts.lunar != second.parts.lunar:
        return phrase, index
    return dataclasses.replace(phrase, end=second.end, until=second.parts), after


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Every date phrase of one text before context is applied, and the text as the scan saw it.

    Built once per document: the layout reads its headings and entry dates from it, and the date
    reader gives each phrase its full date from the layout's context.
    """

    scanned: str
    phrases: tuple[Phrase, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> PhraseIndex:
        tokens, scanned = tokenize(fold(text))
        found = tuple(phrases(tokens, scanned))
        return cls(scanned, found, tuple(phrase.start for phrase in found))

    def starting_at(self, offset: int) -> Phrase | None:
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] == offset:
            return self.phrases[index]
        return None

    def within(self, start: int, end: int) -> tuple[Phrase, ...]:
        return self.phrases[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]
