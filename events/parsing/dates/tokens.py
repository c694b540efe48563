"""The pieces dates are built from (年, 月, 日, 旬, 季度, 农历, 节日, 时刻 ...), found in one regex pass.

A quick pass for publication stamps comes first; the main regex then reads the rest left to right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from events.parsing.dates.named_days import NAMES as _NAMED_DAYS
from events.parsing.dates.named_days import PREFIXES as _NAMED_DAY_PREFIXES
from events.parsing.numerals import ERA_YEAR_NUMERAL

# Numerals as they appear in each slot. Chinese numerals are matched here and read by numerals.to_int.
_CN = "〇零一二三四五六七八九十"
_N = "[一二三四五六七八九]"  # one to nine
_YEAR = rf"(?:1[0-9]|20)\d\d(?!\d)|[一二][{_CN}O]{{3}}"
_MONTH = rf"1[0-2](?!\d)|0?[1-9](?!\d)|十[一二]|{_N}|十|元"  # 元月 is January
_DAY = rf"3[01](?!\d)|[12]\d(?!\d)|0?[1-9](?!\d)|三十一?|二十{_N}?|廿{_N}|卅一?|十{_N}?|{_N}"
# A lunar day is never followed by another numeral (八月卅一日 is a Gregorian 31st).
_LUNAR_DAY = rf"(?:初{_N}|初十|十{_N}|二十{_N}?|廿{_N}|三十|卅|{_N}(?=[日号]))(?![一二三四五六七八九十])"
_LUNAR_MONTH = rf"正|冬|腊|十[一二]|{_N}|十"
_HOUR = rf"2[0-4]|[01]?\d|二十[一二三四]?|十{_N}?|{_N}|零"
_MINUTE = rf"[0-5]?\d|[一二三四五]?十{_N}?|{_N}"
# 初 after 年 is often the word 初步 (first steps), not "early in the year".
_EARLY = r"初(?![步次级期中心衷稿见选审赛创始具])"
# 三季度; 第一、二季度 and 全年一、二季度 are a span. A list at the start of a line is left alone:
# there 二、 is more likely a heading's number (二、三季度经济运行 is about the third quarter).
_QUARTER = (r"(?:第[一二三四1-4](?:、[一二三四1-4])+|(?<=[^\s、])[一二三四1-4](?:、[一二三四1-4])+"
            r"|第?[一二三四1-4])\s?季度")
_YEAR_PART = (rf"年?(?:{_EARLY}|底|末|中(?=[，,。；、\s)]))|上半年|下半年|前三季度|{_QUARTER}"
              r"|[春夏秋冬]季|[春夏秋冬](?=[，,。；、\s)]|$)")  # 1958年春，是年冬，
_MONTH_PART = rf"上中旬|中下旬|[上中下]旬|[上下]半月|初(?!{_N}|十)|底|末|中(?=[，,。；、\s)]|旬)"
# Between a number and its unit: print spacing (12 月 31 日), or a page break (3\n\n月, also as CRLF).
_GAP = r"[ \t\u3000]{0,3}(?:\r?\n[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?)?"
_RANGE_SEP = r"(?:至|到|—{1,2}|–|-|~|―)"
_NOT_AFTER_NUMBER = r"(?<![\d.\-/:%])"
_LUNAR_PREFIX = r"(?:农历|夏历|阴历)\s?"
# After 年 these make the number a count or a name: 1990年代, 2021年鉴, 2000年历史.
_NOT_A_YEAR = "代|鉴|龄|级|薪|纪|轻|历史|之久|左右"
_STEM_BRANCH = "[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]"
_ERAS = (
    "民国|民國|明治|大正|昭和|光绪|宣统|同治|咸丰|道光|嘉庆|乾隆|雍正|康熙|顺治|崇祯|天启|泰昌|万历|隆庆|嘉靖|正德|弘治|成化"
    "|天顺|景泰|正统|宣德|洪熙|永乐|建文|洪武"
)
_DAYPARTS = "上午|下午|晚上|晚间|傍晚|早上|早晨|清晨|凌晨|夜间|当晚"

# A publication stamp: labelled (发布日期:2020-01-31), or a bare date with a clock time to the second.
STAMP_RE = re.compile(
    r"(?=[发日时更\d])"  # one character class first lets the regex engine skip ahead quickly
    r"(?:(?:发布日期|发布时间|发稿时间|更新时间|日期|时间)\s*:\s*"
    r"|(?<![\d.])(?=\d{4}([-/.])\d{1,2}\1\d{1,2}\s+\d{1,2}:\d{2}:\d{2})"
    # 2004年1月19日發表 on a line of its own: a news page's date of publication
    r"|(?<![\d.])(?=\d{4}年\d{1,2}月\d{1,2}日[ \t\u3000]*(?:发表|發表|发布|發布)[ \t\u3000]*(?:\n|$)))"
    r"(?P<stamp_when>(?P<st_y>\d{4})[-/.年](?P<st_m>\d{1,2})[-/.月](?P<st_d>\d{1,2})日?"
    r"(?:\s*(?P<st_time>\d{1,2}:\d{2})(?::\d{2})?)?)"
)

_TOKEN_PATTERNS = (
    ("numeric", rf"{_NOT_AFTER_NUMBER}(?P<nu_y>(?:1[6-9]|20)\d\d)(?P<nu_sep>[-./])(?P<nu_m>1[0-2]|0?[1-9])"
                r"(?P=nu_sep)(?P<nu_d>3[01]|[12]\d|0?[1-9])(?![\d.])(?:\s(?P<nu_time>[012]?\d:[0-5]\d))?"),
    ("year_range", rf"{_NOT_AFTER_NUMBER}(?P<yr_a>{_YEAR})(?:\s*、\s*(?:{_YEAR}))*"
                   rf"\s*(?:(?:年\s*)?{_RANGE_SEP}|、)\s*"
                   rf"(?:(?P<yr_b>{_YEAR})|(?P<yr_short>\d\d(?!\d)))\s{{0,2}}年度?"),  # 1941-45年
    # 民国36 年, 清道光四年, 明万历十年: a dynasty's name may come first, print may space the numeral.
    ("era", rf"(?:[清明]\s?(?:[太世圣高仁宣文穆德][祖宗])?)?"
            rf"(?P<era_name>{_ERAS})\s?(?P<era_n>{ERA_YEAR_NUMERAL})\s?年"),
    # 民國78、07、31, 民國 80.11: a Taiwan record's Republic year, month and day in numbers.
    ("era_numeric", r"(?P<en_name>民国|民國)\s?(?P<en_y>\d{1,3})\s?[、.．/]\s?(?P<en_m>1[0-2]|0?[1-9])(?!\d)"
                    r"(?:\s?[、.．/]\s?(?P<en_d>3[01]|[12]\d|0?[1-9])(?!\d))?(?:\s?月)?"),
    ("ganzhi", rf"(?:{_LUNAR_PREFIX})?(?P<gz>{_STEM_BRANCH})年"),
    # 2006 “双鸽”牌…: a history's entry year at a line's start, its 年 left out before a space.
    # Not a number's unit (1886 期, 2020 年 is a year token of its own).
    ("bare_year", r"(?:(?<=^)|(?<=\n))(?P<by>(?:1[6-9]|20)\d\d)"
                  r"(?=[ \t\u3000]+(?![年期次号版人元个位名户件条页册卷])[\u4e00-\u9fff“「《])"),
    # 327  全县突击救灾, 28  …, 514~18  …, 8月12~15  …: a chronicle's entries whose 月 and 日 were lost
    # (glyphs set as images), the day or month-and-day run together, set apart by wide spacing.
    # Read only where an entry starts under a month (DateReader).
    ("entry_day", r"(?<![^\n \t\u3000])(?:(?P<ent_m>1[0-2]|[1-9])月)?(?P<ent_d>[1-9]\d{0,2})"
                  r"(?:[~～\-—](?P<ent_to>3[01]|[12]\d|0?[1-9]))?"
                  r"(?=(?: {2,}|[\u3000\t])[ \u3000]*[^\x00-\x7f\s\u3000（【])"),
    # 四十二年九月 after 民国三十九年: a reign's year written without its name, before a month.
    ("era_bare", rf"(?<![\d{_CN}第每近前个数约共余逾超达满仅只连几多])"
                 rf"(?P<eb_n>[一二三四五六七八九十]{{1,3}}|\d{{2,3}})\s?年"
                 rf"(?=\s?(?:十[一二]|{_N}|十|1[0-2]|0?[1-9])\s?月)"),
    ("plan", r"(?<![第\d])(?P<plan_n>十[一二三四五六七八九])五(?![日号月时年\d])"),
    # Not after a digit or a decimal point, except a list's number at a line's start (1.1976年11月,…).
    ("year", rf"(?:(?<![\d.%{_CN}])|(?<=^\d\.)|(?<=\n\d\.)|(?<=\n\d\d\.))"
             rf"(?P<y_lunar>{_LUNAR_PREFIX})?(?P<y>{_YEAR}){_GAP}"
             # 1945(民國34)年: an encyclopedia's Republic or reign year in brackets before 年
             rf"(?:[(（](?:民国|民國|明治|大正|昭和)\s?\d{{1,3}}[)）])?"
             rf"年(?!{_NOT_A_YEAR})(?P<y_part>{_YEAR_PART}|度)?"),
    ("rel_year", r"(?P<ry>今|本|当|是|同|该|去|明|次|翌|(?<!以)上)年(?![级龄代轻青华货画糕夜味])"
                 rf"(?P<ry_part>{_YEAR_PART}|度)?"),
    ("year_part", rf"(?<![每半全个{_CN}\d])(?<!每年)"
                  rf"(?P<yp>上半年|下半年|前三季度|{_QUARTER}|年{_EARLY}|年底|年末|年中(?=[，,。；、\s)]))"),
    ("lunar", rf"(?=农历|夏历|阴历|旧历|闰|[正冬腊]月)(?P<lu_pre>农历|夏历|阴历|旧历)?\s?(?P<lu_leap>闰)?"
              rf"(?P<lu_m>{_LUNAR_MONTH})月(?>(?P<lu_d>{_LUNAR_DAY})(?:{_RANGE_SEP}(?P<lu_to>{_LUNAR_DAY}))?)?"
              r"(?P<lu_ri>[日号])?"),
    ("lunar_bare", rf"(?<![{_CN}廿卅\d])(?P<lb_m>十[一二]|{_N}|十)月(?>(?P<lb_d>{_LUNAR_DAY}))(?![日号])"),
    ("festival", r"(?P<fe>大年初一|大年三十|元旦|春节|元宵节?|端午节?|七夕节?|中秋节?|重阳节?|腊八节|除夕"
                 r"|(?:五一)?劳动节|国庆节|(?:六一)?儿童节|建党节|建军节|(?:三八)?妇女节|三八节|植树节|(?:五四)?青年节"
                 r"|教师节|清明节|清明(?=期间|前后|前夕|假期|小长假|当天|祭)"
                 r"|(?<=“)(?:五一|七一|八一|十一|国庆|六一|五四|三八)(?=”)"
                 r"|(?:五一|国庆|十一)(?=期间|假期|长假|小长假|前夕|黄金周)|国庆(?=[、和及与]中秋))"
                 # 春节期间, 国庆长假: the holiday's days, not its first one
                 r"(?:(?<=春节|国庆|十一|五一)(?P<fe_period>期间|假期|长假|黄金周))?"),
    # 全国助残日, 世界读书日, 国家宪法日: commemorative days (named_days)
    ("named_day", rf"(?:{'|'.join(_NAMED_DAY_PREFIXES)})?(?P<nd>{'|'.join(_NAMED_DAYS)})"),
    ("vacation", r"(?P<vac>暑假|暑期)(?![班工])"),
    # Solar terms that are also everyday words (大雪, 小满 ...) count only beside 节气/当天.
    # “3·15”国际消费者权益日, “12·4”国家宪法日: a day of the year named in quotes. Followed by the
    # name of a day or what is held on it; “7·20”特大暴雨 names a disaster, not a date.
    # 1﹐15(一二,一): a daily chronicle's month﹐day with its lunar month and day in brackets.
    ("comma_md", r"(?<![\d.,﹐])(?P<cm_m>1[0-2]|[1-9])\s?[﹐,]\s?(?P<cm_d>3[01]|[12]\d|[1-9])"
                 r"(?P<cm_gloss>\s?\([闰一二三四五六七八九十]{1,3}[,﹐、][初一二三四五六七八九十廿卅]{1,3}\))"),
    ("dotted", r"(?<=“)(?P<do_m>1[0-2]|[1-9])[·•・](?P<do_d>3[01]|[12]\d|[1-9])"
               r"(?=”(?:国际|国家|全国|世界|中国|消费|宪法|纪念日|期间|前夕|当天|宣传|主题|活动|晚会))"),
    ("term", r"(?P<te>立春|惊蛰|春分|立夏|芒种|夏至|小暑|大暑|立秋|处暑|秋分|寒露|立冬|冬至"
             r"|(?:雨水|谷雨|小满|白露|霜降|小雪|大雪|小寒|大寒)(?=节气|当天|时节|之日))(?:节气)?"),
    # 1、2、3月 lists more than two: the span runs from the first to the last. Not a heading's
    # number before a date (一、4月1日 at the start of a line), nor months with a day after them.
    ("month_range", rf"{_NOT_AFTER_NUMBER}(?!(?<!\S)[{_CN}]{{1,3}}、\s*\d)(?P<mr_a>{_MONTH})"
                    rf"(?:\s*、\s*(?:{_MONTH}))*\s*(?:{_RANGE_SEP}|、)\s*(?P<mr_b>{_MONTH}){_GAP}月份?"
                    rf"(?![ \t\u3000]{{0,3}}(?:\d{{1,2}}|[{_CN}廿卅]{{1,3}})[ \t\u3000]{{0,3}}[日号])"),
    ("month", rf"(?<![\d.\-/:{_CN}廿卅百千万亿两第每几数个上下本])(?P<m>{_MONTH}){_GAP}月(?!龄)"
              rf"(?P<m_fen>份)?(?P<m_part>{_MONTH_PART})?"),
    # 18、19日 (and 7、8月, 2019、2020年) is read as the span of what it lists, like 18—19日.
    ("day_range", rf"{_NOT_AFTER_NUMBER}(?P<dr_a>3[01]|[12]\d|0?[1-9])(?:\s*、\s*(?:3[01]|[12]\d|0?[1-9]))*"
                  rf"\s*(?P<dr_sep>{_RANGE_SEP}|、)\s*"
                  rf"(?P<dr_b>3[01]|[12]\d|0?[1-9]){_GAP}日"),
    ("day", rf"(?<![\d.\-/:{_CN}廿卅])(?P<d>{_DAY}){_GAP}(?P<d_unit>[日号])"),
    # 119日, 35日: a month and day whose 月 was lost (OCR, stripped markup); read only as an entry's date.
    # 32 6 日: the same with print's stray spaces between the digits.
    # 2829日: two days whose 、 was lost.
    # 194721日 on a page of 2月1日 in history: a year, month and day whose 年 and 月 were lost.
    ("glued_md", r"(?<![\d.\-/:])(?P<gm_y>(?:1[0-9]|20)\d\d)?(?P<gm>(?:3[01]|[12]\d)(?:3[01]|[12]\d)"
                 r"|(?:1 ?[0-2]|[1-9]) ?(?:3 ?[01]|[12] ?\d|0?[1-9])) ?日"),
    # Relative words come before times: 当晚 is the evening of the date before, not just a time.
    # 今天, 昨天, 前天: a news report's days, counted back from its publication date.
    ("relative", r"(?P<rel>同日|当日|当天|当晚|是日|本日|次日|翌日|第二天|今[天日]|昨[天日]|前天"
                 r"|(?:是|本|当|同|该)月"
                 r"|(?<![一二三四五六七八九十两每几多\d])[次翌]月(?![度份刊报]))"
                 r"(?P<rel_part>上中旬|中下旬|[上中下]旬|初|底|末)?"),
    ("clock", rf"(?P<t_pre>{_DAYPARTS}|中午|夜里|晚|早)?\s?(?:(?P<t_h>{_HOUR})\s?[时点]"
              rf"(?:(?P<t_min>{_MINUTE})分|(?P<t_half>半))?|(?P<t_hh>[01]?\d|2[0-3]):(?P<t_mm>[0-5]\d))"),
    ("daypart", rf"(?P<dp>{_DAYPARTS})"),
    ("xun", r"(?<![\d月初])(?P<xun_part>上中旬|中下旬|[上中下]旬)"),
    # 月初/月底 on their own belong to the month of the heading or the sentence (每月底 does not).
    ("month_edge", rf"(?<![\dO{_CN}廿卅个每正冬腊元闰上下本当是同])月(?P<edge>初|底|末)(?!{_N}|十)"),
    # Items under an entry's date: △, ☆, ▲ at a line's start, 甲、乙、丙、 where an item starts.
    ("marker", r"(?<![^\n \t\u3000])(?P<mark>[△☆▲])"
               r"|(?<![^\n \t\u3000。；;)])(?P<item>[甲乙丙丁戊己庚辛壬癸])(?=、)"),
)
# Where a token can start. The first lookahead is a single character class that most characters of
# a text fail at once; the second, slower one sorts out the rest. Together they make the scan fast.
_FIRST_CHARS = (
    "0123456789〇零一二三四五六七八九十廿卅民光宣同咸道嘉乾雍康顺崇天泰万隆正弘成景洪永建"
    "甲乙丙丁戊己庚辛壬癸今本当是该去明次翌上下前第昨"
    "年农夏阴旧闰正冬腊大元春端七中重国劳六三五儿建妇植青教清立惊雨谷小芒处白秋寒霜午晚傍早凌夜除月△☆▲昭"
    # the named days (named_days) and 暑假
    "世交人健全公助医博卫学安宪志扶护文旅无暑残母气水法消烈爱父环知禁科粮航艾警记读防"
)
_CAN_START = (
    rf"(?=[{_FIRST_CHARS}])(?=\d|[{_CN}廿卅][{_CN}O月年日号时点五季、—\-~至到]|[{_CN}]\s{{1,3}}[月日]"
    r"|[民光宣同咸道嘉乾雍康顺崇天泰万隆正弘成景洪永建][国國绪统治丰光庆隆正熙祯启昌历靖德化顺泰熙乐文武]"
    r"|[清明]\s?(?:[太世圣高仁宣文穆德][祖宗])?[光宣同咸道嘉乾雍康顺崇天泰万隆正弘成景洪永建]|明治|大正|昭和"
    r"|[甲乙丙丁戊己庚辛壬癸](?:[子丑寅卯辰巳午未申酉戌亥]年|、)"
    r"|[今本当是同该去明次翌上前]年|元月|[上下]半年|前三季|第[一二三四1-4二]|年[初底末中]|[农夏阴旧]历|闰"
    r"|[正冬腊]月|大年|元[旦宵]|春节|端午|七夕|中秋|重阳|腊八|除夕|劳动|国庆|儿童|建[党军]|妇女|植树|青年"
    r"|教师|清明|[五七八十六三][一四八]|立[春夏秋冬]|惊蛰|[春秋]分|芒种|[夏冬]至|[小大][暑雪寒满]|处暑"
    r"|寒露|雨水|谷雨|白露|霜降|[上下中]午|晚|傍晚|早|清晨|凌晨|夜|[同当是次翌本][日天晚]|今[天日]|昨[天日]|前天|[是本当同该次翌]月"
    r"|[上中下]旬|月[初底末]|[△☆▲]|暑[假期]"
    rf"|(?:{'|'.join(_NAMED_DAY_PREFIXES)})?(?:{'|'.join(_NAMED_DAYS)}))"
)
TOKEN_RE = re.compile(
    _CAN_START + "(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _TOKEN_PATTERNS) + ")"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One date piece: its kind (a name in _TOKEN_PATTERNS), span and the regex groups it matched."""

    kind: str
    start: int
    end: int
    groups: dict


# The groups each kind of token can set: reading only those is much cheaper than groupdict().
_KIND_GROUPS = {kind: tuple(re.compile(pattern).groupindex) for kind, pattern in _TOKEN_PATTERNS}
_KIND_GROUPS["stamp"] = tuple(STAMP_RE.groupindex)


def _token(kind: str, match: re.Match) -> Token:
    names = _KIND_GROUPS[kind]
    values = match.group(*names) if len(names) > 1 else (match.group(*names),)
    groups = {name: value for name, value in zip(names, values, strict=True) if value is not None}
    # A stamp's mention is its date and time; the label (发布日期:) stays outside the span.
    start = match.start("stamp_when") if kind == "stamp" else match.start()
    return Token(kind, start, match.end(), groups)


def _blanked(text: str, spans: list[Token]) -> str:
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.start], "\n" * (span.end - span.start)]
        last = span.end
    return "".join(pieces) + text[last:]


def tokenize(folded: str) -> tuple[list[Token], str]:
    """Every date piece in (folded) text, left to right, non-overlapping; and the text as scanned.

    Publication stamps are found first and blanked out (as line breaks, which keeps offsets), so
    that an entry date running straight into a stamp's seconds (54 1月1日) is still read on its own.
    """
    stamps = [_token("stamp", match) for match in STAMP_RE.finditer(folded)]
    if stamps:
        folded = _blanked(folded, stamps)
    tokens = []
    for match in TOKEN_RE.finditer(folded):
        tokens.append(_token(match.lastgroup, match))
    if stamps:
        tokens = sorted(tokens + stamps, key=lambda token: token.start)
    return tokens, folded
