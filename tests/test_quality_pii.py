"""quality.pii: per-kind rules, boundaries, full-width input, overlaps, redaction, eval targets."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import subprocess
import sys
import unicodedata

import pytest

from quality import pii
from quality.pii import PII_KINDS, PiiSpan, find_pii, pii_counts, redact_pii
from quality.pii_rules import (
    card_prefix_plausible,
    cn_id_check_char,
    has_cn_id_shape,
    is_bank_card,
    is_cn_id,
    is_legacy_cn_id,
    is_uscc,
    luhn_ok,
    uscc_check_char,
)
from tests import pii_eval
from tests.pii_eval import build_eval_set, evaluate, id_check, luhn_check_digit, uscc_check

# GB 11643's own example numbers; the second was born in 1880, before the accepted range.
STANDARD_ID = "11010519491231002X"
STANDARD_ID_1880 = "440524188001010014"
# Widely published GB 32100 example, and a listed company's code from the public registry.
EXAMPLE_USCC = "91350100M000100Y43"
REGISTRY_USCC = "91110108551385082Q"


def make_id(area: str = "310104", birth: str = "19850615", seq: str = "123") -> str:
    body = area + birth + seq
    return body + id_check(body)


def make_card(prefix: str, length: int, fill: str = "3") -> str:
    body = (prefix + fill * length)[: length - 1]
    return body + luhn_check_digit(body)


def make_uscc(head: str = "91", area: str = "440305", org: str = "MA5D12345") -> str:
    body = head + area + org
    return body + uscc_check(body)


def kinds_found(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_pii(text)]


# -- validators --------------------------------------------------------------------------------


def test_id_check_character_matches_standard_examples() -> None:
    assert cn_id_check_char(STANDARD_ID[:17]) == "X"
    assert cn_id_check_char(STANDARD_ID_1880[:17]) == "4"
    assert is_cn_id(STANDARD_ID)
    assert is_cn_id(STANDARD_ID.lower())


def test_id_check_character_agrees_with_weight_table() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        assert cn_id_check_char(body) == id_check(body)


@pytest.mark.parametrize(
    ("number", "why"),
    [
        (STANDARD_ID_1880, "born before 1900"),
        (STANDARD_ID[:17] + "5", "wrong check character"),
        (make_id(birth="19990230"), "30 February"),
        (make_id(birth="20010229"), "29 February in a common year"),
        (make_id(birth="19951301"), "month 13"),
        (make_id(area="990101"), "no province 99"),
        (make_id(area="200101"), "no province 20"),
        ("11010519491231002", "17 characters"),
    ],
)
def test_invalid_ids_are_rejected(number: str, why: str) -> None:
    assert not is_cn_id(number), why


def test_id_birth_date_must_not_be_in_the_future() -> None:
    number = make_id(birth="20240101")
    assert is_cn_id(number, today=dt.date(2024, 1, 1))
    assert not is_cn_id(number, today=dt.date(2023, 12, 31))


def test_all_listed_provinces_are_accepted() -> None:
    provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44,
                 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]  # fmt: skip
    for code in range(10, 100):
        assert is_cn_id(make_id(area=f"{code}0101")) == (code in provinces), code


def test_legacy_15_digit_ids() -> None:
    assert is_legacy_cn_id("110105491231002")  # 1949-12-31
    assert not is_legacy_cn_id("110105490230002")  # 30 February
    assert not is_legacy_cn_id("990105491231002")  # no province


def test_luhn_and_card_prefixes() -> None:
    assert luhn_ok("4111111111111111") and luhn_ok("5500005555555559")
    assert not luhn_ok("4111111111111112")
    assert is_bank_card(make_card("622202", 19))
    assert is_bank_card(make_card("436742", 16))
    assert is_bank_card(make_card("2221", 16))  # Mastercard 2-series
    assert not is_bank_card(make_card("436742", 17))  # Visa is 16 or 19 digits
    assert not is_bank_card(make_card("552801", 19))  # Mastercard is 16
    assert not is_bank_card(make_card("95588", 16))  # old domestic cards are 19
    assert is_bank_card(make_card("95588", 19))
    for prefix in ("1", "7", "80", "99", "0", "2000"):
        assert not card_prefix_plausible(make_card(prefix, 16)), prefix


def test_id_shaped_18_digit_numbers_are_not_cards() -> None:
    # An ID number with a bad check character that happens to pass Luhn with prefix 62.
    rng = random.Random(3)
    for _ in range(200):
        body = "620102" + "1990" + f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body += f"{rng.randint(0, 999):03d}"
        number = body + luhn_check_digit(body)
        assert has_cn_id_shape(number)
        assert not is_bank_card(number)


def test_uscc_check_character() -> None:
    assert uscc_check_char(EXAMPLE_USCC[:17]) == "3"
    assert is_uscc(EXAMPLE_USCC) and is_uscc(REGISTRY_USCC)
    rng = random.Random(11)
    alphabet = pii_eval._USCC_ALPHABET
    for _ in range(2000):
        body = "".join(rng.choice(alphabet) for _ in range(17))
        assert uscc_check_char(body) == uscc_check(body)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        (EXAMPLE_USCC[:17] + "4", "wrong check character"),
        (make_uscc(head="94"), "department 9 has no type 4"),
        (make_uscc(head="B1"), "no department B"),
        (make_uscc(area="990000"), "no province 99"),
        ("91350100M0001O0Y4" + "3", "O is not in the alphabet"),
        (EXAMPLE_USCC.lower(), "lower case"),
    ],
)
def test_invalid_uscc_is_rejected(code: str, why: str) -> None:
    assert not is_uscc(code), why


def test_uscc_of_central_bodies_uses_region_100000() -> None:
    assert is_uscc(make_uscc(head="11", area="100000", org="000013127"))


# -- find_pii per kind -------------------------------------------------------------------------


def test_id_card_in_context_and_at_boundaries() -> None:
    number = make_id()
    assert kinds_found(f"身份证号码：{number}。") == [("cn_id_card", number)]
    assert kinds_found(f"{number}是他的身份证号") == [("cn_id_card", number)]
    spaced = f"{number[:6]} {number[6:14]} {number[14:]}"
    assert kinds_found(f"证件号 {spaced}，") == [("cn_id_card", spaced)]
    # Inside longer digit runs or glued to letters it is something else.
    assert find_pii(f"流水号9{number}1") == []
    assert find_pii(f"编号AB{number}") == []
    assert find_pii(f"{number}A") == []


def test_look_alike_ids_are_not_pii() -> None:
    for number in (
        STANDARD_ID[:17] + "1",
        make_id(birth="19990230"),
        make_id(birth="20350101"),
        make_id(area="990101"),
    ):
        assert find_pii(f"身份证号码{number}校验未通过") == [], number


def test_legacy_ids_need_an_id_keyword() -> None:
    assert kinds_found("旧身份证号码110105491231002已停用") == [("cn_id_card", "110105491231002")]
    assert find_pii("设备序列号110105491231002") == []


def test_mobile_formats() -> None:
    for number in (
        "13812345678",
        "138-1234-5678",
        "138 1234 5678",
        "138.1234.5678",
        "+86 13812345678",
        "+86-138-1234-5678",
        "+8613812345678",
        "0086 13812345678",
        "(+86)13812345678",
        "19912345678",
    ):
        assert kinds_found(f"联系电话：{number}，") == [("mobile", number)], number


def test_mobile_look_alikes() -> None:
    for text in (
        "号码1381234567位数不对",  # 10 digits
        "号码138123456789位数不对",  # 12 digits
        "号码12345678901",  # no 12x mobile prefix
        "总投资13800000000元",  # an amount
        "共计15000000000人次",
        "¥13800000000",
        "138-1234-56789",
        "SF13812345678",  # tracking number
        "时间戳1715999999999",  # 13-digit milliseconds
    ):
        assert find_pii(text) == [], text


def test_landline_formats_and_extensions() -> None:
    for number in (
        "010-62751234",
        "(010)62751234",
        "（021）64881234",
        "0755 8888 6666",
        "0571-8888-6666",
        "0931-8123456",
        "010-62751234转8001",
        "010-62751234-8001",
        "010-62751234 ext. 12",
        "+86-10-62751234",
    ):
        assert kinds_found(f"电话：{number}；") == [("landline", number)], number


def test_landline_look_alikes() -> None:
    for text in (
        "电话62751234",  # no area code
        "金额38000000元",
        "010-2345678",  # Beijing numbers have 8 digits
        "0755-123456",
        "0755-1234567",  # local numbers do not start with 1
        "卡号2541 0747 9743 4862",  # a group inside a card-like run
        "日期2024-05-18",
    ):
        assert find_pii(text) == [], text


def test_email_boundaries_with_chinese_punctuation() -> None:
    assert kinds_found("邮箱：abc@example.com。") == [("email", "abc@example.com")]
    assert kinds_found("请发送至zhang.san@mail.example.com.cn，谢谢") == [
        ("email", "zhang.san@mail.example.com.cn")
    ]
    assert kinds_found("Email: li_na+cv@example.org.") == [("email", "li_na+cv@example.org")]
    assert kinds_found("（wang@example.com）") == [("email", "wang@example.com")]


def test_email_look_alikes() -> None:
    for text in (
        "@人民日报 发布",
        "user@localhost",
        "pkg@1.2.3",
        "a..b@example.com",
        ".a@example.com",
    ):
        assert [s for s in find_pii(text) if s.kind == "email"] == [], text


def test_email_beats_the_phone_number_in_it() -> None:
    assert kinds_found("邮箱13812345678@163.com") == [("email", "13812345678@163.com")]


def test_bank_cards() -> None:
    card = make_card("622202", 19)
    grouped = " ".join(card[i : i + 4] for i in range(0, 19, 4))
    dashed = "-".join(card[i : i + 4] for i in range(0, 19, 4))
    visa = make_card("436742", 16)
    for number in (card, grouped, dashed, visa):
        assert kinds_found(f"卡号：{number}，") == [("bank_card", number)], number
    bad = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert find_pii(f"卡号{bad}") == []
    # A valid 16-digit card followed by another group is a longer number, not a card.
    assert find_pii(f"{' '.join(visa[i : i + 4] for i in range(0, 16, 4))} 1234") == []
    assert find_pii(f"订单{make_card('7', 16)}") == []  # no issuer starts with 7


def test_uscc_in_text() -> None:
    code = make_uscc()
    assert kinds_found(f"统一社会信用代码：{code}。") == [("uscc", code)]
    assert kinds_found(f"（{EXAMPLE_USCC}）") == [("uscc", EXAMPLE_USCC)]
    assert find_pii(f"信用代码{code[:-1]}{'0' if code[-1] != '0' else '1'}") == []


def test_ipv4_rules() -> None:
    assert kinds_found("服务器地址：192.168.1.10，端口22") == [("ipv4", "192.168.1.10")]
    assert kinds_found("IP:10.0.0.5:8080") == [("ipv4", "10.0.0.5")]
    assert kinds_found("ssh root@172.16.3.4 -p 22") == [("ipv4", "172.16.3.4")]
    assert kinds_found("DNS设为8.8.8.8") == [("ipv4", "8.8.8.8")]
    for text in (
        "地址256.1.1.1无效",
        "192.168.1.300",
        "版本1.2.3.4.5发布",
        "版本号：10.2.0.15",
        "升级至 3.0.12.1 版本",
        "3.0.12.1版",
        "详见第3.1.2.1节",  # section number: all octets single digits, no IP keyword
        "子网掩码255.255.255.0",
        "app-2.10.3.1.apk",
        "v2.10.3.1",
        "192.168.01.1",
    ):
        assert find_pii(text) == [], text


def test_ipv6_rules() -> None:
    for address in (
        "2001:db8::1",
        "fe80::1a2b:3c4d:5e6f:7a8b",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "::ffff:192.168.1.1",
        "240e:388::1a",
    ):
        assert kinds_found(f"地址是{address}，") == [("ipv6", address)], address
    assert kinds_found("IPv6:2001:db8::1.") == [("ipv6", "2001:db8::1")]
    assert kinds_found("打开 http://[2001:db8::8]:8080/ 查看") == [("ipv6", "2001:db8::8")]
    for text in ("时间12:30", "08:15:30开始", "2024-05-18 12:30:45", "MAC 00:1A:2B:3C:4D:5E",
                 "std::vector", "a::b", "比分3:2", "::"):  # fmt: skip
        assert find_pii(text) == [], text


def test_passport_needs_a_keyword_within_20_characters() -> None:
    for number in ("E12345678", "EA1234567", "G12345678", "DE1234567"):
        assert kinds_found(f"护照号码：{number}") == [("passport", number)], number
    assert kinds_found("Passport No.: E12345678") == [("passport", "E12345678")]
    assert kinds_found("PASSPORT E12345678") == [("passport", "E12345678")]
    assert find_pii("产品型号E12345678") == []
    far = "护照" + "的相关信息已经全部录入系统，另附本次采购的商品编号" + "E12345678"
    assert find_pii(far) == []
    assert find_pii("护照号EI1234567") == []  # I is not used after E
    assert find_pii("护照号E1234567") == []  # 7 digits


# -- full width, kinds, overlaps ----------------------------------------------------------------


def test_fold_table_is_nfkc_for_the_folded_block() -> None:
    for cp, target in pii._FOLD_TABLE.items():
        assert unicodedata.normalize("NFKC", chr(cp)) == chr(target)


def test_full_width_input_keeps_original_offsets_and_text() -> None:
    number = make_id()
    wide = number.translate({ord(c): ord(c) + 0xFEE0 for c in number})
    text = (
        f"（身份证：{wide}，手机：１３８-１２３４-５６７８，邮箱：ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ）"
    )
    spans = find_pii(text)
    assert [s.kind for s in spans] == ["cn_id_card", "mobile", "email"]
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert spans[0].text == wide
    assert spans[1].text == "１３８-１２３４-５６７８"


def test_kinds_filter_and_unknown_kind() -> None:
    text = f"手机13812345678，身份证{STANDARD_ID}"
    assert [s.kind for s in find_pii(text, kinds=["mobile"])] == ["mobile"]
    assert [s.kind for s in find_pii(text, kinds="cn_id_card")] == ["cn_id_card"]
    assert find_pii(text, kinds=[]) == []
    with pytest.raises(ValueError, match="phone"):
        find_pii(text, kinds=["phone"])


def test_spans_are_sorted_and_disjoint_on_the_eval_set() -> None:
    for example in build_eval_set(600, seed=5):
        spans = find_pii(example.text)
        for a, b in itertools.pairwise(spans):
            assert a.end <= b.start
        for span in spans:
            assert example.text[span.start : span.end] == span.text


def test_islands_find_what_a_whole_text_scan_finds() -> None:
    """The island prefilter is only a speed-up: same candidates as scanning everywhere."""
    rng = random.Random(1)
    pieces = ["身份证", "护照", "电话", "，", "。", " ", "：", "-", ".", ":", "@", "(", "）",
              "转", "x", "E", "ab", "IP", "版本", "元", "\n", " ext. ", " 分机 ", "+86 ", " # ",
              "fe80", "::", "0", "0755 ", "x.com"]  # fmt: skip
    texts = [ex.text for ex in build_eval_set(400, seed=9)]
    for _ in range(400):
        parts = [rng.choice(pieces) if rng.random() < 0.4 else
                 "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 19)))
                 for _ in range(rng.randint(3, 12))]  # fmt: skip
        texts.append("".join(parts))
    rules = list(pii._RULES)
    for text in texts:
        folded = pii._fold(text)
        islands = [m.span() for m in pii._ISLAND_RE.finditer(folded)]
        assert sorted(pii._scan(folded, rules, islands)) == sorted(
            pii._scan(folded, rules, [(0, len(folded))])
        ), text


# -- redaction ---------------------------------------------------------------------------------

SAMPLE = (
    f"张三，身份证号{STANDARD_ID}，手机+86 138-1234-5678，电话（010）62751234转801，"
    "邮箱：zhang.san@example.com。统一社会信用代码91350100M000100Y43，服务器192.168.1.10，"
    "IPv6:2001:db8::1，护照号码E12345678。版本1.2.3.4，时间12:30:45，金额12345678元。"
)


def test_redact_tags_round_trip() -> None:
    redacted, spans = redact_pii(SAMPLE)
    assert [s.kind for s in spans] == [
        "cn_id_card", "mobile", "landline", "email", "uscc", "ipv4", "ipv6", "passport"
    ]  # fmt: skip
    assert "<cn_id_card>" in redacted and "<mobile>" in redacted and "[" not in redacted
    # Rebuild the original from the redacted text and the spans: everything else is intact.
    rebuilt, pos = [], 0
    for span in spans:
        tag = f"<{span.kind}>"
        cut = redacted.index(tag, pos)
        rebuilt.append(redacted[pos:cut] + span.text)
        pos = cut + len(tag)
    assert "".join(rebuilt) + redacted[pos:] == SAMPLE
    assert find_pii(redacted) == []


def test_redact_mask_keeps_length_and_ends() -> None:
    masked, spans = redact_pii(SAMPLE, style="mask")
    assert len(masked) == len(SAMPLE)
    for span in spans:
        out = masked[span.start : span.end]
        assert len(out) == len(span.text)
        if span.kind in ("cn_id_card", "uscc", "passport"):
            assert out[0] == span.text[0] and out[-1] == span.text[-1]
            assert set(out[1:-1]) == {"*"}
    assert "1****************X" in masked
    assert "+8* ***-****-***8" in masked
    assert "z********@example.com" in masked
    assert "***.***.*.**" in masked
    outside = [i for i in range(len(SAMPLE)) if not any(s.start <= i < s.end for s in spans)]
    assert all(masked[i] == SAMPLE[i] for i in outside)
    assert find_pii(masked) == []


def test_redact_edge_cases() -> None:
    assert redact_pii("没有任何敏感信息的句子。") == ("没有任何敏感信息的句子。", [])
    assert redact_pii("") == ("", [])
    assert redact_pii(f"手机13812345678，身份证{STANDARD_ID}", kinds=["mobile"])[0] == (
        f"手机<mobile>，身份证{STANDARD_ID}"
    )
    with pytest.raises(ValueError, match="style"):
        redact_pii(SAMPLE, style="brackets")


def test_pii_counts() -> None:
    _, spans = redact_pii(SAMPLE + "备用手机13912345678。")
    counts = pii_counts(spans)
    assert counts["mobile"] == 2 and counts["cn_id_card"] == 1
    assert list(counts) == [k for k in PII_KINDS if k in counts]
    assert pii_counts([]) == {}
    assert pii_counts([PiiSpan("email", 0, 5, "a@b.c")]) == {"email": 1}


# -- evaluation set and packaging ---------------------------------------------------------------


def test_eval_set_is_deterministic_and_large_enough() -> None:
    first, second = build_eval_set(), build_eval_set()
    assert len(first) >= 2000
    assert [e.text for e in first] == [e.text for e in second]
    for example in first[:200]:
        for label in example.gold:
            assert label.kind in PII_KINDS
            assert 0 <= label.start < label.end <= len(example.text)


def test_evaluate_meets_targets() -> None:
    report = evaluate()
    assert report["sentences"] >= 2000
    assert report["overall"]["f1"] >= 0.98, report["errors"]
    assert report["lookalike_fp_rate"] < 0.01, report["decoys"]
    assert report["lookalikes"] >= 500
    for kind, row in report["per_kind"].items():
        assert row["support"] >= 50, kind
        assert row["f1"] >= 0.95, (kind, row)


def test_evaluate_scores_a_pattern_only_detector_low() -> None:
    """The set does separate validation from pattern matching: a regex-only finder fails it."""
    import re

    digits = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9X]|1[3-9][0-9]{9}|[0-9]{16,19})(?![0-9])")

    def naive(text: str) -> list[PiiSpan]:
        return [PiiSpan("mobile", m.start(), m.end(), m.group()) for m in digits.finditer(text)]

    report = evaluate(naive, build_eval_set(800, seed=2))
    assert report["lookalike_fp_rate"] > 0.1
    assert report["overall"]["f1"] < 0.5


def test_quality_pii_does_not_import_prefect_or_pipelines() -> None:
    code = (
        "import sys, quality.pii, quality.pii_rules; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('prefect', 'pipelines')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
