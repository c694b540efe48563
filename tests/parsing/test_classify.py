"""What a statement is about: titles, types, meeting series and numbers, people with posts."""
import pytest

from events.parsing.classify import (
    fold_traditional,
    is_statistic,
    make_title,
    meeting_series,
    organizations_named,
    read_statement,
    statement_head,
)


@pytest.mark.parametrize(
    ("statement", "date_text", "title"),
    [
        ("1月27日，区委书记张立主持召开十四届区委常委会第102次会议。会议议题有1项：传达学习。", "1月27日",
         "区委书记张立主持召开十四届区委常委会第102次会议"),
        ("5月19日下午，区长李明调研全区信访稳定工作", "5月19日", "区长李明调研全区信访稳定工作"),
        ("1月19日晚7时，在东林音乐厅举办迎新春音乐会。", "1月19日", "在东林音乐厅举办迎新春音乐会"),
        ("3月2日：区委召开全会。", "3月2日", "区委召开全会"),
        ("12 月 31 日，区长李明主持召开区政府第 30 次常务会议。", "12月31日",
         "区长李明主持召开区政府第 30 次常务会议"),
        ("4日（农历腊月三十）　县委书记王明到县应急管理局检查值班值守工作。", "4日",
         "县委书记王明到县应急管理局检查值班值守工作"),
        ("2020年10月15日，区政府召开第42次常务会议（区政府办公室供图）", "2020年10月15日",
         "区政府召开第42次常务会议"),
    ],
)
def test_titles_drop_the_date_and_time_and_keep_the_first_sentence(statement, date_text, title):
    assert make_title(statement_head(statement, date_text)) == title


def test_long_titles_are_cut_at_a_comma():
    head = ("区委组织部、区委宣传部、区委老干部局联合举办老干部情暖重阳节主题活动，"
            "开展知识竞赛、文艺演出、书画展览和健步走等活动，参加人数众多，"
            "全区各街道离退休干部代表和社区群众共同观看了演出并为获奖者颁奖")
    title = make_title(head)  # cut before a clause that starts a new predicate (参加…), after a whole one
    assert title == ("区委组织部、区委宣传部、区委老干部局联合举办老干部情暖重阳节主题活动，"
                     "开展知识竞赛、文艺演出、书画展览和健步走等活动")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("区委书记张立主持召开十四届区委常委会第102次会议", "meeting"),
        ("在东林宾馆召开全区老干部通报工作会", "meeting"),
        ("区信访局组织召开第二次推进会，对疑难案件提出意见", "meeting"),
        ("政协东林区第十届委员会第四次会议，于2020年6月13日至15日举行", "meeting"),
        ("东林慈善总会召开第一届理事会第三次会议", "meeting"),
        ("区长李明调研全区信访稳定工作", "inspection"),
        ("省委常委、组织部部长王强到春秋社区进行观摩", "inspection"),
        ("区委常委周平在区城管局调研指导筹备工作", "inspection"),
        ("《东林日报》以《党旗高扬在一线》为题，报道区委经验", "media"),
        ("《组织人事报》刊发区委组织部经验做法", "media"),
        ("在市老年公寓举办第二届养老护理员职业技能竞赛颁奖仪式", "ceremony"),
        ("东林分局“大走访”启动仪式", "ceremony"),
        ("区委组织部举办全区社区党组织书记培训班", "training"),
        ("邀请党校教研室主任在区直机关培训班上进行授课", "training"),
        ("区侨联主席陪同市委统战部副部长到困难归侨家中走访慰问", "visit"),
        ("在文峰广场开展文化下基层系列宣传活动", "activity"),
        ("科普志愿者在健康路小学为学生演示科学实验秀", "activity"),
        ("区十二届人大常委会组成人员名单公布", "other"),
        ("县文化广场举办元宵节灯谜会", "activity"),
        ("县总工会举办迎新春职工文艺晚会", "activity"),
        ("县委理论学习中心组举行2019年第一次集体学习", "training"),
        ("區委書記王立新主持召開區委常委會第30次會議", "meeting"),
    ],
)
def test_event_types_follow_the_documented_rules(head, expected):
    assert read_statement(head).type == expected


@pytest.mark.parametrize(
    ("text", "series", "number"),
    [
        ("区委书记张立主持召开十四届区委常委会第102次会议", "区委常委会", 102),
        ("区委副书记、区长李明主持召开十四届区委常委会第 130 次会议", "区委常委会", 130),
        ("区长李明主持召开十五届区政府第 57 次常务会议", "区政府常务会议", 57),
        ("区十五届人大常委会举行第二十五次会议", "区人大常委会", 25),
        ("区政协召开十四届二十二次常委（扩大）会议", "区政协常委会议", 22),
        ("县委书记主持召开县委常委会第八十一次会议", "县委常委会", 81),
        ("市政府第12次常务会议召开", "市政府常务会议", 12),
        ("區委書記主持召開區委常委會第30次會議", "区委常委会", 30),
        ("县委召开十四届第58次常委会议", "县委常委会", 58),
        ("县政府召开第21次常务会议", "县政府常务会议", 21),
        ("区委召开全区经济工作会议", "", None),
        ("区委常委、副区长参加第3次工作会议", "", None),
    ],
)
def test_meeting_series_and_session_numbers(text, series, number):
    assert meeting_series(fold_traditional(text)) == (series, number)


@pytest.mark.parametrize(
    ("head", "people"),
    [
        ("区委书记张立主持召开会议", [("张立", "区委书记")]),
        ("区委副书记、区长李明主持会议", [("李明", "区长")]),
        ("省委常委、组织部部长王强到春秋社区观摩", [("王强", "组织部部长")]),
        ("区侨联主席景海陪同市委统战部副部长张水根到归侨家中走访慰问",
         [("景海", "区侨联主席"), ("张水根", "市委统战部副部长")]),
        ("区委组织部举办全区社区党组织书记培训班", []),
    ],
)
def test_people_are_named_with_their_posts(head, people):
    assert [(p.name, p.post) for p in read_statement(head).people] == people


@pytest.mark.parametrize(
    ("head", "place"),
    [
        ("在文峰广场开展宣传活动", "文峰广场"),
        ("1月9日上午，在东林宾馆召开老干部通报会", "东林宾馆"),
        ("魏都区总工会到古槐街小学开展慰问活动", "古槐街小学"),
        ("区委召开全会", ""),
    ],
)
def test_place_where_stated(head, place):
    assert read_statement(head).place == place


def test_folding_traditional_characters_keeps_offsets():
    text = "區委書記王立新主持召開會議"
    assert len(fold_traditional(text)) == len(text)
    assert fold_traditional(text) == "区委书记王立新主持召开会议"


def test_holding_a_meeting_is_a_meeting():
    assert read_statement("区委组织部举办全区组织工作会议").type == "meeting"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("区委书记到北关社区调研并召开座谈会", "inspection"),
        ("区委召开常委会议听取调研工作汇报", "meeting"),
        ("区委组织部开展“走访慰问”主题活动", "activity"),
        ("区长到企业走访调研", "inspection"),  # 走访 to look into a firm; 走访慰问 is a visit
        ("区长到困难群众家中走访慰问", "visit"),
    ],
)
def test_the_first_predicate_decides_and_quoted_names_do_not(head, expected):
    assert read_statement(head).type == expected


@pytest.mark.parametrize(
    ("head", "organizations"),
    [
        ("魏都区总工会深入古槐街小学开展慰问活动", ("魏都区总工会", "古槐街小学")),
        ("区政协召开十四届二十四次常委会议", ("区政协",)),
        ("经全体理事表决一致同意李清明辞去慈善总会副会长职务", ()),
    ],
)
def test_organizations_named_in_the_head(head, organizations):
    assert read_statement(head).organizations == organizations


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("區長到企業視察調研", "inspection"),
        ("舉行項目簽約儀式", "ceremony"),
        ("區委組織部舉辦幹部培訓班", "training"),
        ("《東林日報》頭版刊發區委經驗做法", "media"),
    ],
)
def test_traditional_characters_are_typed_like_simplified_ones(head, expected):
    assert read_statement(head).type == expected


@pytest.mark.parametrize(
    ("head", "people"),
    [
        ("传达学习市委胡五岳书记在会议上的讲话", [("胡五岳", "市委书记")]),
        ("区人大常委会副主任黄中阳主持", [("黄中阳", "区人大常委会副主任")]),
        ("县委组织部部长李明", [("李明", "县委组织部部长")]),
        ("区委办公室主任会议", []),
    ],
)
def test_people_named_before_or_after_their_posts(head, people):
    assert [(p.name, p.post) for p in read_statement(head).people] == people


def test_attending_a_meeting_is_a_meeting():
    assert read_statement("区委书记林泽远出席全市经济工作会议").type == "meeting"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("区台办组织干部群众参加由中共河南省委台湾工作办公室主办的知识大赛",
         ("区台办", "中共河南省委", "台湾工作办公室")),
        ("文艺轻骑兵走进五一路街道碾上社区开展演出", ("碾上社区",)),
        ("组织全区学校开展消防演练", ()),
        ("在北大街道西湖社区开展“四进社区”志愿服务活动", ("北大街道", "西湖社区")),
        ("带队走访企业德通振动搅拌技术有限公司", ("德通振动搅拌技术有限公司",)),
        ("中国人民政治协商会议东林区第十届委员会第四次会议召开", ()),  # no 中国人民政治协商会
    ],
)
def test_organizations_are_names_not_fragments(head, expected):
    assert organizations_named(head) == expected


@pytest.mark.parametrize(
    ("head", "figure"),
    [
        ("区属重点企业累计生产总值增速全部转正", True),
        ("魏都区宜居度全省第一，城市居民总体幸福感全省第三", True),
        ("共走访慰问困难信访群众40余人", True),
        ("全县第一次土壤普查", False),
        ("共青团永城县第三次代表大会召开，出席代表210人", False),
        ("全区累计开展志愿服务活动", False),
    ],
)
def test_running_figures_rankings_and_tallies(head, figure):
    assert is_statistic(head) is figure
