"""A chronicle written for these tests (青禾区 is made up), in the shapes editors keep it.

`chronicle_text()` is the chronicle as a text file prints it (month headings, `3日　…`
entries); `entries()` the same entries as table rows (a date cell, the entry, a source), which
the Word, web-page and spreadsheet builders in `documents` write out; `yearbook_pdf()` three
years of it in a yearbook's two columns, `chronicle_page_png()` a page of it as a scan.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from tests.formats.documents import Entry, blocks_from_text, page_images, two_column_pdf

TITLE = "青禾区2020年大事记"

# (month, the day as the chronicle writes it under its month, the entry, the source)
CHRONICLE = [
    (1, "3日", "区委书记林泽远主持召开十二届区委常委会第41次会议，研究部署全年目标考核工作。", "区委办"),
    (1, "同日", "区长周明川带队到城东街道检查安全生产工作。", "区政府办"),
    (1, "16日—18日", "区十二届人大三次会议在区会议中心召开。", "区人大办"),
    (1, "21日", "区委、区政府召开春节前走访慰问困难群众工作部署会。", ""),
    (2, "5日", "区疫情防控指挥部召开第12次会议，部署企业复工复产工作。", "区卫健委"),
    (2, "上旬", "全区组织党员干部下沉社区参与疫情防控。", "区委组织部"),
    (2, "26日", "区政府召开第27次常务会议，研究城市更新工作。", "区政府办"),
    (3, "5日", "区委组织部举办全区社区党组织书记培训班，120名社区书记参加培训。", "区委组织部"),
    (3, "12日", "全区义务植树活动在清水河湿地公园举行。", "区林业局"),
    (3, "是月", "全区开展“春风行动”，组织招聘会12场，提供就业岗位4600个。", "区人社局"),
    (4, "9日", "区政协召开十一届十五次主席会议。", "区政协办"),
    (4, "23日", "区图书馆举办“世界读书日”主题活动。", "区文旅局"),
    (5, "11日", "区委召开全区统战工作会议。", "区委统战部"),
    (5, "18日—20日", "区委第二巡察组对区城管局开展专项巡察。", "区委巡察办"),
    (6, "1日", "青禾区第一实验小学新校区投入使用。", "区教育局"),
    (6, "16日", "区长周明川到河湾社区调研老旧小区改造工作。", "区住建局"),
    (7, "1日", "区委召开庆祝中国共产党成立99周年暨表彰大会。", "区委办"),
    (7, "14日", "区防汛抗旱指挥部召开防汛工作会议，部署汛期安全工作。", "区应急局"),
    (8, "8日", "区全民健身运动会在区体育中心开幕。", "区体育局"),
    (8, "21日", "区政府召开第31次常务会议，研究防汛和城市更新工作。", "区政府办"),
    (9, "10日", "区委、区政府召开庆祝教师节暨表彰大会。", "区教育局"),
    (9, "27日", "青禾区农民丰收节在北岭镇举行。", "区农业农村局"),
    (10, "13日", "区人大常委会召开第22次会议。", "区人大办"),
    (10, "下旬", "全区开展秋冬季大气污染防治专项督查。", "区环保局"),
    (11, "6日", "区委召开十二届区委第九次全体会议。", "区委办"),
    (11, "27日", "省督导组到青禾区检查安全生产工作。", "区应急局"),
    (12, "4日", "区司法局开展国家宪法日宣传活动。", "区司法局"),
    (12, "18日", "区委经济工作会议召开。", "区委办"),
    (12, "30日", "青禾大道东延工程竣工通车。", "区交通局"),
]


def chronicle_lines(year: int = 2020, *, with_year: bool = False) -> list[str]:
    """The chronicle as a text file prints it: month headings, then `3日　…` entries."""
    lines = [f"{year}年"] if with_year else []
    month = None
    for entry_month, day, text, _ in CHRONICLE:
        if entry_month != month:
            lines.append(f"{entry_month}月")
            month = entry_month
        lines.append(f"{day}　{text}")
    return lines


def chronicle_text(year: int = 2020) -> str:
    return "\n".join([TITLE, "", *chronicle_lines(year)]) + "\n"


def entries(year: int = 2020, *, excel_dates: bool = False) -> list[Entry]:
    """The chronicle as table rows: `同日` leaves the date cell empty (as a merged cell does),
    `是月` is the month; days are dates when `excel_dates`, else text like `1月3日`."""
    rows = []
    for month, day, text, source in CHRONICLE:
        single = re.fullmatch(r"(\d{1,2})日", day)
        if day == "同日":
            date: str | datetime.date = ""
        elif single and excel_dates:
            date = datetime.date(year, month, int(single.group(1)))
        else:
            date = f"{month}月" + ("" if day == "是月" else day)
        rows.append(Entry(date, text, source))
    return rows


INTRO = (
    "青禾区地处清水河下游，辖6个街道、4个镇。2020年，全区上下统筹推进疫情防控和经济社会发展，"
    "地区生产总值增长3.1%，一般公共预算收入完成12.6亿元。本年鉴记述2020年1月1日至12月31日全区"
    "政治、经济、文化和社会各方面的基本情况，大事记按时间顺序收录重要会议、活动和事件。"
)
LATIN = (
    "The Qinghe Development Zone hosted an international conference on sustainable agriculture "
    "and irrigation infrastructure, attended by delegations from neighbouring provinces."
)
FOOTNOTE = "①本节统计数据来自区统计局，均为快报数。"


def yearbook_text() -> str:
    """A yearbook's chronicle section over three years, with a prose introduction."""
    lines = ["青禾区年鉴（2021）", "", "大事记", "", INTRO, "", LATIN, ""]
    for year in (2018, 2019, 2020):
        lines += [*chronicle_lines(year, with_year=True), ""]
    return "\n".join(lines)


@lru_cache(maxsize=4)
def yearbook_pdf(*, rows: bool = False) -> bytes:
    """`yearbook_text()` set in two columns over several pages, a footnote on the first."""
    return two_column_pdf(blocks_from_text(yearbook_text()), footnotes={0: [FOOTNOTE]}, rows=rows)


@lru_cache(maxsize=2)
def chronicle_page_png(dpi: int = 200) -> bytes:
    """The first page of the 2020 chronicle, set in two columns, as a scanner would give it."""
    text = "\n".join([TITLE, "", *chronicle_lines(2020)])
    return page_images(two_column_pdf(blocks_from_text(text)), dpi=dpi, pages=[0])[0]
