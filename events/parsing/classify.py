"""What a dated statement is about: its title, type, meeting series, people, organizations, place.

Everything is read from the statement's *head* — its first sentence with the date and the time
of day taken off — so that agenda items (`传达学习…会议精神`) do not decide the type.
Traditional characters are folded to simplified ones (`區委書記` → `区委书记`, same length)
before the rules look, so both scripts read alike; the title keeps the text as written.

Types: of the rules below that match the head, the one whose words come first wins (`到社区调研
并召开座谈会` is an inspection, `召开会议听取调研汇报` a meeting); ties go to the rule listed
first, and `activity` only applies when nothing else does. Words in quotes (`“大走访”启动仪式`)
name a campaign and are not read.

| type         | the head …                                                                    |
|--------------|-------------------------------------------------------------------------------|
| `meeting`    | names a meeting series (`第102次会议`, `第57次常务会议`),                      |
|              | or 召开/举行/主持/举办/出席/参加 a …会议 or …会,                               |
|              | or a 会议/大会/…会 that 召开/举行/开幕 (`座谈会在许昌召开`)                          |
| `media`      | a named outlet publishes: 以《…》为题, `《…报》` 刊发/刊登/报道/头版/转载, 人民网 …  |
| `ceremony`   | 仪式, 颁奖, 揭牌, 授牌, 开幕式, 闭幕式, 宣誓, 挂牌, 开工, 签约                     |
| `training`   | 培训, 授课, 讲座, 轮训, 辅导, 训练, 演练, 集训, 研修, 讲党课, 宣讲                  |
| `inspection` | 调研, 视察, 检查, 督查, 督导, 考察, 观摩, 巡查, 暗访, 验收, 评估, 巡视               |
| `visit`      | 走访, 慰问, 看望, 探望, 拜访, 家访                                                   |
| `activity`   | 活动, 志愿服务, 演出, 竞赛, 比赛, 展示, 展览, 宣传, 义诊, 开放日, 参观, 发放, 观看 … |
| `other`      | anything else                                                                 |

Meeting series (`series_name`, `series_number`): `十四届区委常委会第102次会议` → 区委常委会 #102;
`十五届区政府第 57 次常务会议` → 区政府常务会议 #57; `区十五届人大常委会举行第二十五次会议` →
区人大常委会 #25; `区政协召开十四届二十二次常委（扩大）会议` → 区政协常委会议 #22. The level
(区/县/市/省) is the one written; Chinese numerals are read with cn2an.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_TRADITIONAL = str.maketrans(
    "區會議書記開長舉屆員協調訪視檢導訓練禮儀動問報題為務黨縣鎮機關傳達學習們與參觀團體專組織於從後來這個對發經濟點種衛藝歲節萬億臘閏號時間週實際現場議紀錄講慶頒獎揭幕閉幕誓幫興濟養護療醫藥衛屬龍鳳聯銷總統戰區黨員領導頭條專訪辦處廳審計護環衛視頻電話聽彙匯議屆張陳劉楊趙黃吳孫馬鄭蕭羅謝韓馮許鄧蔣沈盧範葉嚴賈錢戴鍾薛閻龐殷鄒譚傅驗評賽競覽義診贈簽約掛輪輔課轉載臺談進討論證見隊帶臨強",
    "区会议书记开长举届员协调访视检导训练礼仪动问报题为务党县镇机关传达学习们与参观团体专组织于从后来这个对发经济点种卫艺岁节万亿腊闰号时间周实际现场议纪录讲庆颁奖揭幕闭幕誓帮兴济养护疗医药卫属龙凤联销总统战区党员领导头条专访办处厅审计护环卫视频电话听汇汇议届张陈刘杨赵黄吴孙马郑萧罗谢韩冯许邓蒋沈卢范叶严贾钱戴钟薛阎庞殷邹谭傅验评赛竞览义诊赠签约挂轮辅课转载台谈进讨论证见队带临强",
)
_NUMBER = r"(?:\d+|[零〇一二三四五六七八九十百两]+)"
_SERIES_RULES = (
    (re.compile(rf"([区县市省])委常委会(?:议)?第\s*({_NUMBER})\s*次"), "{}委常委会"),
    # 县委召开十四届第58次常委会议, 县委第58次常委会
    (re.compile(rf"([区县市省])委(?:召开|举行)?(?:{_NUMBER}届)?第\s*({_NUMBER})\s*次\s*常委会"),
     "{}委常委会"),
    (re.compile(rf"([区县市])(?:人民)?政府(?:召开|举行)?(?:{_NUMBER}届)?\s*第\s*({_NUMBER})\s*次\s*常务会议?"),
     "{}政府常务会议"),
    (re.compile(rf"([区县市])(?:{_NUMBER}届)?人大常委会(?:举行|召开)?第\s*({_NUMBER})\s*次(?:会议)?"),
     "{}人大常委会"),
    (re.compile(rf"([区县市])?政协[^。，]{{0,8}}?{_NUMBER}届\s*({_NUMBER})\s*次\s*常委"), "{}政协常委会议"),
    (re.compile(rf"([区县市])?政协常委会\s*第\s*({_NUMBER})\s*次"), "{}政协常委会议"),
)
_OUTLET_VERBS = "刊发|刊登|刊载|报道|专访|头版|转载|播出|发表"
# A 会 that is a show, a fair or a game, not a meeting: 晚会, 联欢会, 灯谜会, 运动会, 博览会 ...
_GATHERING = r"(?<![晚欢乐谜庙销览易聘园唱动])"
_MEETING_NAMES = ("会议|全会|大会|常委会|座谈会|推进会|部署会|动员会|工作会|通报会|"
                  "协调会|联席会|例会|研讨会|论证会|听证会|见面会|汇报会|培训会")
_TYPE_RULES = (
    ("media", re.compile(
        rf"以《[^》]{{1,80}}》为题|《[^》]{{1,30}}(?:报|刊|杂志|网|台)》[^。；]{{0,30}}?(?:{_OUTLET_VERBS})|"
        rf"(?:人民网|新华网|新华社|学习强国|央视|电视台|日报|晚报)[^。；]{{0,20}}?(?:{_OUTLET_VERBS})|"
        rf"(?:强国|学习)[^。；]{{0,12}}?平台上?(?:推广|{_OUTLET_VERBS})|媒体[^。；]{{0,10}}?(?:进行了?)?报道"
    )),
    ("meeting", re.compile(
        rf"(?:召开|举行|主持|举办|出席|列席|参加)[^。；]{{0,50}}?(?:{_MEETING_NAMES}|{_GATHERING}会$|{_GATHERING}会[，。（(])|"
        r"(?:会议|大会|全会)[^。；]{0,30}?(?:召开|举行|开幕)|会(?:在[^。；，]{1,12})?(?:召开|举行|开幕)|"
        r"^(?:[^。]{0,40})理事会第"
    )),
    ("ceremony", re.compile(r"仪式|颁奖|揭牌|授牌|开幕式|闭幕式|宣誓|挂牌|开工|签约|授旗|命名")),
    ("training", re.compile(
        r"培训(?!中心|基地|学校|手册|教材|证)|授课|讲座|轮训|辅导(?!中心|站)|训练(?!中心|基地|场)|演练|集训|研修|党课|宣讲"
        r"|(?:集体|专题)学习(?!贯彻)"
    )),
    ("inspection", re.compile(r"调研|视察|检查|督查|督导|考察|观摩|巡查|暗访|验收|评估|巡视|指导工作|抽查")),
    ("visit", re.compile(r"走访|慰问|看望|探望|拜访|家访")),
    ("activity", re.compile(r"活动|志愿服务|演出|竞赛|比赛|展示|展览|宣传|义诊|开放日|参观|发放|"
                            r"观看|演示|体验|开展|举办|庆祝|纪念|捐赠|捐款|(?:提供|上门|便民)服务|消杀|清洁|对接|"
                            r"比武")),
)
_POSTS = (r"副?(?:书记|部长|主任|区长|县长|市长|省长|主席|局长|院长|检察长|庭长|所长|站长|社长|处长|科长|"
          r"队长|会长|理事长|秘书长|组长|校长|主委|政委|司令员|常委|委员)")
_NAME_FOLLOWERS = ("主持|在|到|带领|带队|陪同|调研|出席|一行|同志|等|观看|率|为|对|、|，|,|。|（|\\s|"
                   "参加|深入|走访|前往|慰问|看望|检查|视察|指出|强调|讲话|作|宣读|代表|听取|与|和|及|"
                   "莅临|来|赴|督导|指导|宣布|致辞|表示|授课|$")
_PERSON = re.compile(rf"({_POSTS})([\u4e00-\u9fff]{{2,3}}?)(?={_NAME_FOLLOWERS})")
_PERSON_BEFORE_POST = re.compile(
    r"([省市区县]委|[省市区县]政府|[省市区县]人大常委会|[省市区县]政协)([\u4e00-\u9fff]{2,3}?)"
    r"(副?(?:书记|省长|市长|区长|县长|主任|主席))(?![\u4e00-\u9fff]{0,1}处)"
)
_NOT_NAMES = re.compile(r"^(?:会议|同志|主持|出席|讲话|参加|带领|一行|处|班子|办公|职责|人选|候选|"
                        r"干部|等|和|及|的|在|到|单位|成员|一职|职务|兼任|为|对)")
_NOT_IN_NAMES = set("会第次届年月日")
_NOT_NAME_ENDINGS = set("班会部局组处室队站所院村区县市省街道路心团委办厅校员长记任席")
# An organization is a name that ends in one of these (a closed list); the longest ending wins
# (办公室 over 办, 协商会议 is no 商会).
_ORGANIZATION = re.compile(
    r"[\u4e00-\u9fff]{1,16}?(?:委员会|人大常委会|常委会|政协|人民政府|区委|县委|市委|省委|组织部|宣传部|统战部|"
    r"政法委|纪委监委|纪委|监委|[^\s，。、]局|办公室|[^\s，。、]办(?!公室|事处)|法院|检察院|街道办事处|街道|"
    r"办事处|社区|公司|集团|协会|学会|商会(?!议)|总会|联合会|工会|团委|学校|小学|中学|大学|医院|中心|大队|支队|"
    r"分局|派出所|银行|党校|部队)(?![\u4e00-\u9fff]{0,1}(?:公室|事处|议))"
)
# What a name is not: the bare ending (社区, 街道), a fragment that starts inside a word (公室主办),
# a clause (组建帮扶办, 报请市委), a campaign (四进社区, 万名党员进党校), a class of bodies (全区学校).
_GENERIC_ORGANIZATIONS = frozenset(
    "社区 街道 办事处 学校 小学 中学 大学 医院 中心 大队 支队 分局 派出所 银行 党校 部队 公司 集团 协会 政协 "
    "区委 县委 市委 省委 工会 团委 商会 总会 学会 委员会 常委会 隔离中心".split()
)
_NOT_A_NAME_START = re.compile(
    r"^(?:公室|事处|全区|全市|全县|全省|各|该|本|我|其|一|两|二|三|四|五|六|七|八|九|十|万|百|千|多|部分|相关|有关|所属|辖区)"
)
_ORG_SPLIT = re.compile(
    rf"[，。、；：“”《》（）()\s]|{_POSTS}[\u4e00-\u9fff]{{0,3}}?(?=主持|召开|到|在|带|陪同|出席|调研|观看)|"
    r"主持|召开|举行|举办|开展|进行|参加|深入|前往|带领|带队|陪同|调研|视察|观摩|走访|慰问|邀请|联合|"
    r"[在到对与和及由向为于]|[一二三四五六七八九十]+届|第[^次]{1,6}次|[一二三四五六七八九十\d]+次"
)
_NOT_IN_ORGANIZATIONS = re.compile(
    r"[了的着过将把被让等个些]|表决|同意|通知|辞去|保障|方式|暨|以来|全面|组建|抽调|报请|主办|承办|协办|走进|进社区|"
    r"进党校|进校园|进机关|成立|开展|召开|组织|参与|推进"
)
_ORG_LEADING_WORDS = re.compile(
    r"^(?:在|到|与|和|由|对|组织|联合|深入|前往|邀请|带领|陪同|为|向|同|及|召开|举办|开展|各|部分|给|企业|单位|部门)+"
)
_PLACE_SUFFIXES = ("社区|街道|广场|公园|小学|中学|学校|大学|幼儿园|医院|中心|大厦|酒店|宾馆|饭店|会议室|"
                   "礼堂|会堂|剧院|音乐厅|体育馆|纪念馆|博物馆|图书馆|文化馆|展览馆|公寓|家中|村|镇|乡|园区|"
                   "古城|景区|基地|车站|东站|西站|火车站|机场|码头|大街|路|街")
_PLACE_VERBS = "召开|举行|举办|开展|进行|参加|调研|考察|走访|观摩|慰问|检查|视察|参观|体验|组织|指导"
_PLACE = re.compile(
    rf"(?<![所现正存实自内])(?:在|到|赴)"
    rf"((?:(?!{_PLACE_VERBS})[^，。；、《》“”\s对为与和]){{1,20}}(?:{_PLACE_SUFFIXES}))"
)
_PLACE_BEFORE_VERB = re.compile(
    r"(?<![所现正存实自内])(?:在|到|赴)([^，。；、《》“”\s\d]{2,10}?)"
    r"(?:召开|举行|举办|开展|进行|参加|调研|考察|走访|观摩|慰问|检查|视察|参观|体验)"
)
_TIME_PREFIX = re.compile(
    r"^(?:[，,、：:\s　]|当日|当天|当晚|上午|下午|晚上|早上|中午|凌晨|傍晚|夜间|晚|"
    r"\d{1,2}\s*[时点:：]\s*(?:\d{1,2}\s*分?)?(?:许|左右)?|"
    r"[零〇一二三四五六七八九十]{1,3}[时点](?:[零〇一二三四五六七八九十]{1,3}分)?许?)+"
)
_QUOTED = re.compile(r"“[^”]{1,40}”")
_CONDOLENCE = re.compile(r"慰问|看望|探望")
_HEAD_END = re.compile(r"[。；;！？!?]")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    post: str
    aliases: tuple[str, ...] = ()  # other spellings of the name in the same document (李朝峰 for 李朝锋)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules read from a statement."""

    title: str
    type: str
    series_name: str
    series_number: int | None
    people: tuple[Person, ...]
    organizations: tuple[str, ...]
    place: str
    happening: bool = True  # False for a running statistic or a ranking (累计…增速全部转正)


def fold_traditional(text: str) -> str:
    """Traditional characters the rules care about, as simplified ones; same length, same offsets."""
    return text.translate(_TRADITIONAL)


def read_statement(text: str, date_text: str = "") -> Reading:
    """Title, type, series, people, organizations and place of one statement."""
    head = statement_head(text, date_text)
    folded = fold_traditional(head)
    series_name, series_number = meeting_series(folded)
    return Reading(
        title=make_title(head),
        type="meeting" if series_name else event_type(folded),
        series_name=series_name,
        series_number=series_number,
        people=people_named(folded),
        organizations=organizations_named(folded),
        place=place_named(folded),
        happening=not is_statistic(folded),
    )


# Running figures, rankings and states: what a yearbook reports, not what happened on a day.
_STATISTIC = re.compile(
    r"累计|增速|同比|环比|排名|位列|位居|居全[省市区县国]第|全[省市区县国]第[一二三四五六七八九十\d](?![次届批期个家])|占全[省市区县]|增长\d|下降\d"
)
# A tally of what was done (共走访慰问困难群众40余人): a figure, however active its verb.
_TALLY = re.compile(
    r"^(?:全年|累计)?共(?![青产和])计?[^，。；]{0,24}?\d+(?:\.\d+)?(?:余|多)?[人次户件场期个份名万]"
)
_HAPPENING_VERBS = re.compile(
    r"召开|举行|举办|开展|组织|成立|调研|视察|检查|慰问|走访|开幕|闭幕|签约|揭牌|发布|印发|下发|启动|"
    r"开通|建成|竣工|投产|荣获|授予|当选|任命|出席|参加|看望|培训|演练|批准|设立|更名|会见|接待|举办"
)


# A photo caption states a happening when something is done in it (召开, 到, 押送, 开展 …); a view
# (曹魏古城夜景) or a portrait states none.
_DOING = re.compile(
    r"召开|举行|举办|开展|组织|参加|参观|观摩|调研|视察|检查|慰问|走访|看望|进行|接受|开幕|闭幕|签约|揭牌|演出|"
    r"比赛|培训|宣传|发放|捐赠|救援|清理|植树|接种|巡查|会见|座谈|学习|讲解|指导|迎接|颁发|表彰|启动|"
    r"[到赴在开送访查讲看建办抓押救修种测学举迎授签为向与]"
)


def states_a_happening(head: str) -> bool:
    return _DOING.search(head) is not None


def is_statistic(head: str) -> bool:
    """A running figure or a ranking (全区累计…增速全部转正, 排名全省第三) with nothing done in it, or
    a tally (共走访慰问…40余人)."""
    return bool(_TALLY.match(head)) or (bool(_STATISTIC.search(head)) and not _HAPPENING_VERBS.search(head))


def statement_head(text: str, date_text: str = "") -> str:
    """The first sentence of a statement without its date and time of day.

    When the date stands inside the sentence (`区委编办在11月30日举办培训班`), the head starts at the
    clause holding the date, or at the one before it when that clause opens with 于/在.
    """
    body = text
    if date_text:
        span = _find_squashed(body, re.sub(r"\s+", "", date_text))
        if span is not None and span[0] <= 2 and not _names_its_subject(body, span, date_text):
            body = body[span[1] :]
        elif span is not None:
            body = body[_clause_start(body, span[0]) :]
    body = _TIME_PREFIX.sub("", body, count=1)
    return body[: _sentence_end(body)].strip()


_OPENERS, _CLOSERS = "“《「『（(", "”》」』）)"


def _sentence_end(text: str) -> int:
    """Where the first sentence ends (。；！？), never inside quotes or book-title marks."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and _HEAD_END.match(char):
            return index
    return len(text)


def _names_its_subject(body: str, span: tuple[int, int], date_text: str) -> bool:
    """爱耳日活动和…: a named day run into the words after it is part of what the sentence is about."""
    named = len(date_text) >= 3 and date_text[-1] in "日节" and not re.search(r"[\d月]", date_text)
    return named and span[1] < len(body) and "\u4e00" <= body[span[1]] <= "\u9fff"


def _clause_start(text: str, position: int) -> int:
    sentence = max(text.rfind(mark, 0, position) for mark in "。！？；") + 1
    comma = max(text.rfind(mark, sentence, position) for mark in "，,") + 1
    if comma > sentence and text[comma:position].strip() in ("于", "在", "") or not comma:
        previous = max(text.rfind(mark, sentence, max(comma - 1, sentence)) for mark in "，,") + 1
        return max(previous, sentence)
    return max(comma, sentence)


def _find_squashed(text: str, squashed: str) -> tuple[int, int] | None:
    """Where a date written as `squashed` (spaces removed) stands in text, allowing spaces."""
    pattern = r"\s*".join(map(re.escape, squashed))
    match = re.search(pattern, text)
    return match.span() if match else None


# A date repeated in brackets before the entry's text: 4日（农历腊月三十）　…, 19日（正月十五）…
_LEADING_ASIDE = re.compile(r"^[\s　]*[（(][^）)]{1,16}[）)][\s　]*")
# A photo's credit after a caption: （区政府办公室供图）, （王丽 摄）
_TRAILING_CREDIT = re.compile(r"[\s　]*[（(][^（）()]{1,30}(?:供图|摄|供稿|提供)[）)][\s　。]*$")


# What opens a sentence without being its main clause: 在开展…的同时，…  为…，…  根据…，…
_SUBORDINATE = re.compile(
    r"^(?:在[^，,]*(?:的同时|之际|期间|时|中|下)|为了?[^，,]{2,}|根据[^，,]+|按照[^，,]+|围绕[^，,]+|结合[^，,]+|"
    r"依托[^，,]+|针对[^，,]+|随着[^，,]+|借助[^，,]+|通过[^，,]+等形式|以[^，,]+为(?:主)?题|春节前夕|节日前夕)$"
)
# A clause that leaves its sentence unfinished: …以《…》为题，  …等形式，  …的同时，  …在调研时，
_DANGLING = re.compile(
    r"(?:为题目?|为主题|等?形式|方式|的同时|时|之际|期间|之后|以后|》中|[、：:])$|^(?:在|于|对|为|以|由|通过|根据|按照)"
)
_TITLE_LIMIT = 80
# A clause that starts what the sentence goes on to do (…举办主题活动，开展知识竞赛…); a comma
# before any other clause may stand inside an object (刊登…坚持党建引领，团结带领…的事迹).
_NEW_PREDICATE = re.compile(
    r"(?:并|同时|会议|会上|会后|随后|此后|其间|其中|活动中|共|参加|出席|要求|强调|指出|听取|审议|研究|部署|传达|"
    r"开展|组织|举办|邀请|为|对|向)"
)
_TITLE_MIN = 12
_CONNECTIVE = re.compile(r"^(?:同时|此外|另外|并且|而且|以及|随即|即|及|并|还)[，,]?")


def make_title(head: str) -> str:
    """A title a chronicle's editor would print: the head's main clause, whole — never cut inside a
    word or a pair of quotes (a page may clamp a long one), without a leading connective, a
    subordinate clause before the main one (在开展…的同时，), a date aside or a photo credit."""
    title = _TRAILING_CREDIT.sub("", _LEADING_ASIDE.sub("", head)).strip(" ，,、：:　]］】")
    title = _CONNECTIVE.sub("", title).lstrip(" ，,、　")
    clauses = _clauses(title)
    while len(clauses) > 1 and _SUBORDINATE.match(clauses[0].rstrip("，,")):
        clauses = clauses[1:]
        clauses[0] = _CONNECTIVE.sub("", clauses[0])
    return _AS_HEADLINE.sub(r"刊发\1", _shortened(clauses).strip(" ，,、：:;；　"))


# 《河南日报》头版以《…》为题目 — an item of a list whose verb comes after the last: it published it.
_AS_HEADLINE = re.compile(r"以(《[^》]{1,80}》)为题目?$")


def _shortened(clauses: list[str]) -> str:
    """A long head cut after a clause that stands on its own (…举办主题活动，开展…); else whole."""
    whole = "".join(clauses)
    if len(whole) <= _TITLE_LIMIT:
        return whole
    title = ""
    for clause, following in zip(clauses, clauses[1:], strict=False):
        title += clause
        if len(title) > _TITLE_LIMIT * 2:
            break
        done = title.rstrip("，,")
        if len(done) >= _TITLE_MIN and not _DANGLING.search(done) and len(title) >= _TITLE_LIMIT // 2 \
                and _NEW_PREDICATE.match(following):
            return done
    return whole


def _clauses(text: str) -> list[str]:
    """text cut after each comma that stands outside quotes, the commas kept."""
    clauses, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and char in "，,":
            clauses.append(text[start : index + 1])
            start = index + 1
    clauses.append(text[start:])
    return [clause for clause in clauses if clause]


def event_type(head: str) -> str:
    """The rule whose words come first in the head; `activity` only when no other rule matches."""
    masked = _QUOTED.sub(lambda m: "“" + "□" * (len(m.group()) - 2) + "”", head)  # names of campaigns
    found = []
    for order, (name, pattern) in enumerate(_TYPE_RULES):
        match = pattern.search(head if name == "media" else masked)
        if match:
            found.append((name == "activity", match.start(), order, name))
    if not found:
        return "other"
    kinds = {name for *_, name in found}
    if "visit" in kinds and "inspection" in kinds and not _CONDOLENCE.search(masked):
        return "inspection"  # 走访调研 a firm, an industry: an inspection; 走访慰问 stays a visit
    return min(found)[3]


def meeting_series(text: str) -> tuple[str, int | None]:
    for pattern, name in _SERIES_RULES:
        match = pattern.search(text)
        if match:
            number = to_number(match.group(2))
            if number is not None:
                return name.format(match.group(1) or "区"), number
    return "", None


def to_number(numeral: str) -> int | None:
    numeral = numeral.strip()
    if numeral.isdigit():
        return int(numeral)
    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def people_named(text: str) -> tuple[Person, ...]:
    found: dict[str, Person] = {}
    for match in _PERSON.finditer(text):
        name = match.group(2)
        if name in found or not _could_be_a_name(name):
            continue
        found[name] = Person(name, _full_post(text, match.start(), match.group(1)))
    for match in _PERSON_BEFORE_POST.finditer(text):  # 市委胡五岳书记: the name between body and post
        name = match.group(2)
        if name not in found and _could_be_a_name(name):
            found[name] = Person(name, match.group(1) + match.group(3))
    return tuple(found.values())


def _could_be_a_name(name: str) -> bool:
    return not (_NOT_NAMES.match(name) or name[-1] in _NOT_NAME_ENDINGS or _NOT_IN_NAMES & set(name))


def _full_post(text: str, start: int, post: str) -> str:
    begin = start
    while begin > 0 and start - begin < 10 and "\u4e00" <= text[begin - 1] <= "\u9fff":
        begin -= 1
    prefix = re.split(r"陪同|带领|邀请|召开|主持|由|的", text[begin:start])[-1]
    return prefix + post


def organizations_named(text: str) -> tuple[str, ...]:
    found: list[str] = []
    text = _QUOTED.sub("，", text)  # “四进社区” names a campaign, not a body
    for chunk in _ORG_SPLIT.split(text):
        for match in _ORGANIZATION.finditer(chunk or ""):
            name = _ORG_LEADING_WORDS.sub("", match.group())
            if _could_be_an_organization(name) and not any(name in other for other in found):
                found.append(name)
    return tuple(found[:8])


def _could_be_an_organization(name: str) -> bool:
    """Not a clause that happens to end like one (`…同意李清明辞去魏都慈善总会`, `…通知辖区内的企业办`),
    nor a bare ending, a fragment or a class of bodies (see _GENERIC_ORGANIZATIONS)."""
    return 3 <= len(name) <= 14 and name not in _GENERIC_ORGANIZATIONS \
        and not _NOT_IN_ORGANIZATIONS.search(name) and not _NOT_A_NAME_START.match(name)


def place_named(text: str) -> str:
    match = _PLACE.search(text) or _PLACE_BEFORE_VERB.search(text)
    return match.group(1).strip() if match else ""
