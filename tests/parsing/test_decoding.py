"""Reading uploaded bytes as text: encodings found without being told, non-text refused in one line."""
import codecs

import pytest

from events.parsing.decoding import DecodeError, decode_bytes

TEXT = "1月27日，区委书记主持召开区委常委会会议。\n2月3日，区政府召开常务会议。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030", "gbk", "utf-16 le", "utf-16 be"],
)
def test_each_supported_encoding_is_found_and_the_bom_dropped(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_line_ends_are_kept_as_written_so_offsets_match_the_stored_text():
    text = "组织工作\r\n\r\n3月5日，区委召开会议。\r\n"
    assert decode_bytes(text.encode("utf-8")).text == text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"abc\x00def\x00", "NUL"),
        (b"text \x80\xff\x80\xff and more", "undecodable"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "undecodable"),
        ("控制\x01\x02\x03\x04\x05字符\x06\x07\x08".encode(), "control characters"),
    ],
    ids=["empty", "blank", "bom only", "png", "jpeg", "pdf", "zip", "nul bytes", "garbage",
         "bad utf-8 after bom", "controls"],
)
def test_what_is_not_text_is_refused_with_one_line_naming_the_problem(data, words):
    with pytest.raises(DecodeError) as error:
        decode_bytes(data)
    message = str(error.value)
    assert words.lower() in message.lower()
    assert "\n" not in message


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(DecodeError, match="too large: 2,001 bytes, the limit is 2,000"):
        decode_bytes(b"a" * 2001, max_bytes=2000)
