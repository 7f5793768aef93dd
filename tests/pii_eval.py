"""Labelled evaluation set for :mod:`quality.pii`: generated Chinese sentences with gold spans.

Print the report from the repository root::

    python -m tests.pii_eval

Every template, word list and value below was written for this set; nothing comes from real
people or companies. Valid ID numbers, bank cards and credit codes get their check characters
computed here with code written independently of ``quality.pii_rules`` (weight tables rather
than the library's Horner loop), so the set does not simply mirror the detector.

Besides PII, sentences carry decoys: checksum/date/length-failing look-alikes (an ID number
with a wrong check character or 19990230 as birth date, a card failing Luhn, a credit code
with a wrong check character, 10/12-digit "mobiles", landlines with a short local number,
octets over 255, version strings, passport-shaped codes without a passport keyword) and
ordinary numbers (orders, amounts, dates, years, times, ISBNs, tracking numbers, IMEIs, ...).
About 4% of ID numbers, mobiles, e-mail addresses, cards and credit codes (and of some
look-alikes) are written in full-width characters. The same seed always gives the same set.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import random
import string
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from quality.pii import PII_KINDS, find_pii

DEFAULT_SEED = 20240518
DEFAULT_SIZE = 2400


@dataclass(frozen=True)
class Labelled:
    """A gold PII span (``kind`` from PII_KINDS) or a decoy (``kind`` is its category)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Example:
    """One sentence with its gold PII spans and its decoys."""

    text: str
    gold: tuple[Labelled, ...]
    decoys: tuple[Labelled, ...]


class _Span(Protocol):
    kind: str
    start: int
    end: int


# -- check characters (independent implementations) ------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, _ID_WEIGHTS, strict=True)) % 11]


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass Luhn."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d = sum(divmod(d * 2, 10))
        total += d
    return str(-total % 10)


def uscc_check(body17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[-total % 31]


# -- word lists --------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国文斌宇浩凯晨欣怡梓涵子轩"
CITIES = [
    "北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆",
    "苏州", "长沙", "郑州", "青岛", "厦门", "合肥", "昆明", "沈阳", "哈尔滨", "兰州",
]  # fmt: skip
BANKS = ["工商银行", "农业银行", "建设银行", "中国银行", "招商银行", "交通银行", "浦发银行"]
FIRM_WORDS = ["远航", "华信", "启明", "恒瑞", "青禾", "云栖", "博远", "长风", "嘉禾", "星河"]
FIRM_KINDS = [
    "科技有限公司",
    "贸易有限公司",
    "物流有限公司",
    "餐饮管理有限公司",
    "建筑工程有限公司",
]
PINYIN = [
    "zhangwei", "wangfang", "li.na", "liuyang", "chen_jie", "yangxiu", "zhao.lei", "huang.min",
    "zhouqiang", "wu_tao", "xu.jing", "sunhao", "ma.chao", "zhuyan", "hu.peng", "guolin",
]  # fmt: skip
MAIL_DOMAINS = [
    "qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "gmail.com", "outlook.com",
    "example.com", "example.com.cn", "mail.example.org", "hqdata.cn", "dept.univ.edu.cn",
]  # fmt: skip

# County-level GB/T 2260 codes (one per province or so) used to build ID and credit codes.
AREAS = [
    "110101", "110105", "110108", "120101", "130102", "140105", "150102", "210102", "220102",
    "230103", "310101", "310104", "310115", "320102", "320505", "330106", "340104", "350203",
    "360102", "370102", "370202", "410105", "420106", "420111", "430104", "440103", "440106",
    "440305", "450103", "460105", "500103", "510104", "510107", "520102", "530102", "540102",
    "610113", "620102", "630104", "640104", "650102",
]  # fmt: skip
MOBILE_PREFIXES = [
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "170", "171", "173", "175",
    "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
    "191", "195", "198", "199",
]  # fmt: skip
LANDLINE_AREAS = [
    "010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0311", "0351",
    "0371", "0431", "0451", "0471", "0512", "0531", "0532", "0551", "0571", "0574", "0591",
    "0592", "0731", "0755", "0757", "0769", "0771", "0791", "0851", "0871", "0898", "0931",
    "0991",
]  # fmt: skip
CARD_PREFIXES = [
    ("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("621226", 19),
    ("623668", 19), ("625965", 16), ("628288", 16), ("436742", 16), ("427020", 16),
    ("518710", 16), ("552801", 16), ("2223", 16), ("356833", 16), ("601382", 19),
]  # fmt: skip
USCC_HEADS = ["91"] * 12 + ["92"] * 3 + ["93", "11", "12", "51", "52", "53", "31", "Y1", "N2"]

_FULLWIDTH = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}


# -- value generators --------------------------------------------------------------------------

R = random.Random


def _digits(rng: R, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _name(rng: R) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _company(rng: R) -> str:
    return rng.choice(CITIES) + rng.choice(FIRM_WORDS) + rng.choice(FIRM_KINDS)


def _date_between(rng: R, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _id_body(rng: R, birth: str, area: str | None = None) -> str:
    return (area or rng.choice(AREAS)) + birth + _digits(rng, 3)


def _birth(rng: R) -> str:
    return _date_between(rng, dt.date(1935, 1, 1), dt.date(2012, 12, 31)).strftime("%Y%m%d")


def gen_id18(rng: R) -> str:
    body = _id_body(rng, _birth(rng))
    check = id_check(body)
    if check == "X" and rng.random() < 0.3:
        check = "x"
    number = body + check
    if rng.random() < 0.05:  # written 6-8-4
        number = f"{number[:6]} {number[6:14]} {number[14:]}"
    return number


def gen_id15(rng: R) -> str:
    born = _date_between(rng, dt.date(1930, 1, 1), dt.date(1984, 12, 31))
    return rng.choice(AREAS) + born.strftime("%y%m%d") + _digits(rng, 3)


def gen_mobile(rng: R) -> str:
    digits = rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)
    a, b, c = digits[:3], digits[3:7], digits[7:]
    form = rng.random()
    if form < 0.55:
        return digits
    if form < 0.67:
        return f"{a}-{b}-{c}"
    if form < 0.77:
        return f"{a} {b} {c}"
    if form < 0.8:
        return f"{a}.{b}.{c}"
    prefix = rng.choice(["+86 ", "+86", "+86-", "0086 ", "86-", "(+86)"])
    return prefix + (digits if rng.random() < 0.6 else f"{a} {b} {c}")


def gen_landline(rng: R) -> str:
    area = rng.choice(LANDLINE_AREAS)
    n_local = 8 if len(area) == 3 or rng.random() < 0.6 else 7
    local = rng.choice("2345678") + _digits(rng, n_local - 1)
    form = rng.random()
    if form < 0.5:
        number = f"{area}-{local}"
    elif form < 0.62:
        number = f"({area}){local}"
    elif form < 0.72:
        number = f"（{area}）{local}"
    elif form < 0.82:
        number = f"{area} {local[:-4]} {local[-4:]}"
    elif form < 0.9:
        number = f"{area}-{local[:-4]}-{local[-4:]}"
    else:
        number = f"+86-{area[1:]}-{local}"
    ext = rng.random()
    if ext < 0.08:
        number += f"转{rng.randint(100, 9999)}"
    elif ext < 0.12:
        number += f"-{rng.randint(100, 9999)}"
    return number


def gen_email(rng: R) -> str:
    form = rng.random()
    if form < 0.15:
        local = rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)
        return f"{local}@{rng.choice(['163.com', '139.com', 'qq.com'])}"
    if form < 0.3:
        return f"{rng.randint(10000, 3999999999)}@qq.com"
    local = rng.choice(PINYIN)
    if rng.random() < 0.4:
        local += str(rng.randint(1, 2024))
    address = f"{local}@{rng.choice(MAIL_DOMAINS)}"
    return address.upper() if rng.random() < 0.03 else address


def _card_digits(rng: R) -> str:
    prefix, length = rng.choice(CARD_PREFIXES)
    if prefix == "2223":
        prefix = str(rng.randint(2221, 2720))
    body = prefix + _digits(rng, length - len(prefix) - 1)
    return body + luhn_check_digit(body)


def _group_card(rng: R, digits: str) -> str:
    form = rng.random()
    if form < 0.6:
        return digits
    sep = " " if form < 0.85 else "-"
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


def gen_card(rng: R) -> str:
    return _group_card(rng, _card_digits(rng))


def _uscc_body(rng: R, head: str | None = None) -> str:
    head = head or rng.choice(USCC_HEADS)
    area = "100000" if rng.random() < 0.05 else rng.choice(AREAS)
    org_chars = "0123456789" * 4 + _USCC_ALPHABET[10:]
    org = "".join(rng.choice(org_chars) for _ in range(8)) + rng.choice("0123456789X")
    return head + area + org


def gen_uscc(rng: R) -> str:
    body = _uscc_body(rng)
    return body + uscc_check(body)


def gen_ipv4(rng: R) -> str:
    form = rng.random()
    if form < 0.3:
        octets = [192, 168, rng.randint(0, 255), rng.randint(1, 254)]
    elif form < 0.5:
        octets = [10, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    elif form < 0.6:
        octets = [172, rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254)]
    else:
        octets = [rng.randint(11, 223), *(rng.randint(0, 255) for _ in range(2))]
        octets.append(rng.randint(1, 254))
    return ".".join(map(str, octets))


def gen_dns(rng: R) -> str:
    return rng.choice(["8.8.8.8", "114.114.114.114", "223.5.5.5", "1.1.1.1", "119.29.29.29"])


def gen_ipv6(rng: R) -> str:
    head = rng.choice([0x2001_0DB8, 0x240E_0388, 0x2408_8756, 0x2409_8A00, 0xFE80_0000])
    form = rng.random()
    if head == 0xFE80_0000 or form < 0.4:
        low = rng.getrandbits(64)
        value = (head << 96) | low
    elif form < 0.75:
        value = (head << 96) | rng.getrandbits(16)  # long zero run: "2001:db8::1a"
    else:
        value = (head << 96) | rng.getrandbits(96)
    address = ipaddress.IPv6Address(value)
    return address.exploded if rng.random() < 0.15 else address.compressed


def gen_passport(rng: R) -> str:
    form = rng.random()
    if form < 0.45:
        return "E" + _digits(rng, 8)
    if form < 0.75:
        return "E" + rng.choice("ABCDFGHJKLMNPQRSTUVWXYZ") + _digits(rng, 7)
    if form < 0.9:
        return "G" + _digits(rng, 8)
    return rng.choice(["DE", "SE", "PE"]) + _digits(rng, 7)


# look-alikes: the right shape, a wrong check character / date / length / range


def gen_id_bad_check(rng: R) -> str:
    body = _id_body(rng, _birth(rng))
    good = id_check(body)
    return body + rng.choice([c for c in "0123456789X" if c != good])


def gen_id_bad_date(rng: R) -> str:
    birth = rng.choice(
        ["19990230", "19870431", "20010229", "19951301", "19920000", "19850632", "18800101",
         "20350101", "19780931", "19661100"]
    )  # fmt: skip
    body = _id_body(rng, birth)
    return body + id_check(body)


def gen_id_bad_area(rng: R) -> str:
    # No province, and no credit-code department/type pair or card prefix either, so that
    # the decoy cannot be another valid identifier by chance.
    area = rng.choice(["00", "01", "09", "10", "20", "24", "28", "40", "47", "55", "66", "68",
                       "70", "77", "80", "84", "88", "90", "99"]) + _digits(rng, 4)  # fmt: skip
    body = _id_body(rng, _birth(rng), area=area)
    return body + id_check(body)


def gen_card_bad_luhn(rng: R) -> str:
    digits = _card_digits(rng)
    wrong = (int(digits[-1]) + rng.randint(1, 9)) % 10
    return _group_card(rng, digits[:-1] + str(wrong))


def gen_card_bad_prefix(rng: R) -> str:
    body = rng.choice(["1", "7", "8", "9", "0"]) + _digits(rng, 14)
    if body.startswith(("81", "95")):
        body = "7" + body[1:]
    return body + luhn_check_digit(body)


def gen_uscc_bad_check(rng: R) -> str:
    body = _uscc_body(rng)
    good = uscc_check(body)
    return body + rng.choice([c for c in _USCC_ALPHABET if c != good])


def gen_uscc_bad_type(rng: R) -> str:
    body = _uscc_body(rng, head=rng.choice(["94", "95", "14", "54", "Y2", "B1", "C1"]))
    return body + uscc_check(body)


def gen_mobile_bad_length(rng: R) -> str:
    return rng.choice(MOBILE_PREFIXES) + _digits(rng, rng.choice([7, 9]))


def gen_mobile_bad_prefix(rng: R) -> str:
    return rng.choice(["10", "11", "12"]) + _digits(rng, 9)


def gen_landline_bad_length(rng: R) -> str:
    area = rng.choice(LANDLINE_AREAS)
    n_local = rng.choice([5, 6, 9]) if len(area) == 4 else rng.choice([6, 7, 9])
    return f"{area}-{rng.choice('2345678')}{_digits(rng, n_local - 1)}"


def gen_ipv4_bad_octet(rng: R) -> str:
    octets = [str(rng.randint(1, 223)), str(rng.randint(0, 255)), str(rng.randint(0, 255))]
    octets.append(str(rng.randint(256, 999)))
    rng.shuffle(octets)
    return ".".join(octets)


def gen_version(rng: R) -> str:
    parts = [rng.randint(1, 12), rng.randint(0, 20), rng.randint(0, 30), rng.randint(0, 200)]
    return ".".join(map(str, parts))


def gen_dotted_run(rng: R) -> str:
    return ".".join(str(rng.randint(1, 20)) for _ in range(rng.choice([5, 6])))


def gen_section(rng: R) -> str:
    return ".".join(str(rng.randint(1, 9)) for _ in range(4))


def gen_time(rng: R) -> str:
    if rng.random() < 0.5:
        return f"{rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 45]):02d}"
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def gen_mac(rng: R) -> str:
    return ":".join(f"{rng.randrange(256):02X}" for _ in range(6))


def gen_embedded(rng: R) -> str:
    """A valid ID number or mobile inside a longer digit run: not PII on its own."""
    # Run lengths stay off 16-19 (a Luhn-valid run of that length may really be a card).
    if rng.random() < 0.5:
        inner, before, after = gen_id18(rng).replace(" ", ""), rng.randint(2, 3), rng.randint(0, 2)
    else:
        inner, before, after = gen_mobile_digits(rng), rng.randint(1, 2), rng.randint(0, 2)
    prefix = _digits(rng, before)
    if prefix.endswith("86"):  # 86 + mobile is the international form, which is PII
        prefix = prefix[:-1] + "7"
    return prefix + inner + _digits(rng, after)


def gen_mobile_digits(rng: R) -> str:
    return rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)


# ordinary numbers


def gen_order(rng: R) -> str:
    day = _date_between(rng, dt.date(2019, 1, 1), dt.date(2025, 6, 30)).strftime("%Y%m%d")
    form = rng.random()
    if form < 0.5:
        return day + _digits(rng, rng.choice([8, 10, 11]))
    return rng.choice(["DD", "NO", "JD", "TB", "PO-"]) + day + _digits(rng, 6)


def gen_amount(rng: R) -> str:
    form = rng.random()
    if form < 0.3:
        return f"{rng.randint(1000, 99_999_999):,}.{rng.randint(0, 99):02d}元"
    if form < 0.6:
        return f"{rng.randint(1_000_000, 99_999_999)}元"
    if form < 0.8:
        return f"人民币{rng.randint(10, 9_999)}万元"
    if form < 0.9:  # 11 digits from 13...: shaped like a mobile number
        return f"{rng.randint(13_000_000_000, 19_999_999_999)}{rng.choice(['元', '人次'])}"
    return f"{rng.randint(100_000, 9_999_999_999)}元"


def gen_date(rng: R) -> str:
    day = _date_between(rng, dt.date(1990, 1, 1), dt.date(2025, 12, 31))
    return day.strftime(rng.choice(["%Y-%m-%d", "%Y年%m月%d日", "%Y%m%d", "%Y/%m/%d"]))


def gen_year(rng: R) -> str:
    return f"{rng.randint(1949, 2030)}年"


def gen_isbn(rng: R) -> str:
    body = "9787" + _digits(rng, 8)
    check = -sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10
    if rng.random() < 0.5:
        return body + str(check)
    return f"978-7-{body[4:7]}-{body[7:12]}-{check}"


def gen_tracking(rng: R) -> str:
    form = rng.random()
    if form < 0.3:
        return "SF" + _digits(rng, 13)
    if form < 0.5:
        return "YT" + _digits(rng, 13)
    if form < 0.7:
        return "77" + _digits(rng, 12)
    if form < 0.85:
        return "E" + rng.choice("ABCDEFGHJKL") + _digits(rng, 9) + "CN"
    return "JDVA" + _digits(rng, 11)


def gen_bare(rng: R) -> str:
    return str(rng.randint(1_000_000, 99_999_999))


def gen_imei(rng: R) -> str:
    body = "86" + _digits(rng, 12)
    return body + luhn_check_digit(body)


def gen_timestamp(rng: R) -> str:
    seconds = rng.randint(1_400_000_000, 1_760_000_000)
    return str(seconds) if rng.random() < 0.5 else f"{seconds}{rng.randint(0, 999):03d}"


def gen_invoice(rng: R) -> str:
    return _digits(rng, rng.choice([8, 12, 20]))


def gen_plate(rng: R) -> str:
    return rng.choice("京沪粤浙苏川鄂陕") + rng.choice("ABCDEF") + _digits(rng, 5)


def gen_stock(rng: R) -> str:
    return rng.choice(["600", "601", "000", "002", "300", "688"]) + _digits(rng, 3)


def gen_qq(rng: R) -> str:
    return str(rng.randint(10_000_000, 3_999_999_999))


def gen_netmask(rng: R) -> str:
    return rng.choice(["255.255.255.0", "255.255.0.0", "255.255.255.128", "255.0.0.0"])


def gen_coord(rng: R) -> str:
    return f"{rng.uniform(73, 135):.6f},{rng.uniform(18, 53):.6f}"


@dataclass(frozen=True)
class _Slot:
    gen: Callable[[R], str]
    kind: str | None = None  # gold kind
    decoy: str | None = None  # decoy category
    fullwidth: bool = False  # may be written with full-width characters


def _fill(gen: Callable[[R], str]) -> _Slot:
    return _Slot(gen)


SLOTS: dict[str, _Slot] = {
    # fillers
    "name": _fill(_name),
    "company": _fill(_company),
    "city": _fill(lambda rng: rng.choice(CITIES)),
    "bank": _fill(lambda rng: rng.choice(BANKS)),
    "n": _fill(lambda rng: str(rng.randint(2, 30))),
    "port": _fill(lambda rng: str(rng.choice([22, 80, 443, 3306, 5432, 6379, 8080, 9000]))),
    # PII
    "id18": _Slot(gen_id18, kind="cn_id_card", fullwidth=True),
    "id15": _Slot(gen_id15, kind="cn_id_card"),
    "mobile": _Slot(gen_mobile, kind="mobile", fullwidth=True),
    "landline": _Slot(gen_landline, kind="landline"),
    "email": _Slot(gen_email, kind="email", fullwidth=True),
    "card": _Slot(gen_card, kind="bank_card", fullwidth=True),
    "uscc": _Slot(gen_uscc, kind="uscc", fullwidth=True),
    "ipv4": _Slot(gen_ipv4, kind="ipv4"),
    "dns": _Slot(gen_dns, kind="ipv4"),
    "ipv6": _Slot(gen_ipv6, kind="ipv6"),
    "passport": _Slot(gen_passport, kind="passport"),
    # look-alikes
    "id_bad_check": _Slot(gen_id_bad_check, decoy="id_bad_check", fullwidth=True),
    "id_bad_date": _Slot(gen_id_bad_date, decoy="id_bad_date"),
    "id_bad_area": _Slot(gen_id_bad_area, decoy="id_bad_area"),
    "card_bad_luhn": _Slot(gen_card_bad_luhn, decoy="card_bad_luhn", fullwidth=True),
    "card_bad_prefix": _Slot(gen_card_bad_prefix, decoy="card_bad_prefix"),
    "uscc_bad_check": _Slot(gen_uscc_bad_check, decoy="uscc_bad_check"),
    "uscc_bad_type": _Slot(gen_uscc_bad_type, decoy="uscc_bad_type"),
    "mobile_bad_length": _Slot(gen_mobile_bad_length, decoy="mobile_bad_length", fullwidth=True),
    "mobile_bad_prefix": _Slot(gen_mobile_bad_prefix, decoy="mobile_bad_prefix"),
    "landline_bad_length": _Slot(gen_landline_bad_length, decoy="landline_bad_length"),
    "ipv4_bad_octet": _Slot(gen_ipv4_bad_octet, decoy="ipv4_bad_octet"),
    "version": _Slot(gen_version, decoy="version"),
    "dotted_run": _Slot(gen_dotted_run, decoy="dotted_run"),
    "section": _Slot(gen_section, decoy="section"),
    "time": _Slot(gen_time, decoy="time"),
    "mac": _Slot(gen_mac, decoy="mac"),
    "passport_code": _Slot(gen_passport, decoy="passport_no_context"),
    "embedded": _Slot(gen_embedded, decoy="embedded_in_longer_run"),
    # ordinary numbers
    "order": _Slot(gen_order, decoy="order"),
    "amount": _Slot(gen_amount, decoy="amount"),
    "date": _Slot(gen_date, decoy="date"),
    "year": _Slot(gen_year, decoy="year"),
    "isbn": _Slot(gen_isbn, decoy="isbn"),
    "tracking": _Slot(gen_tracking, decoy="tracking"),
    "bare": _Slot(gen_bare, decoy="bare_number"),
    "imei": _Slot(gen_imei, decoy="imei"),
    "timestamp": _Slot(gen_timestamp, decoy="timestamp"),
    "invoice": _Slot(gen_invoice, decoy="invoice"),
    "plate": _Slot(gen_plate, decoy="plate"),
    "stock": _Slot(gen_stock, decoy="stock"),
    "qq": _Slot(gen_qq, decoy="qq"),
    "netmask": _Slot(gen_netmask, decoy="netmask"),
    "coord": _Slot(gen_coord, decoy="coordinates"),
}

# Decoys that fail exactly the check a validator exists for: the look-alike FP rate.
LOOKALIKES = frozenset(
    [
        "id_bad_check", "id_bad_date", "id_bad_area", "card_bad_luhn", "card_bad_prefix",
        "uscc_bad_check", "uscc_bad_type", "mobile_bad_length", "mobile_bad_prefix",
        "landline_bad_length", "ipv4_bad_octet", "version", "dotted_run", "section", "time",
        "mac", "passport_no_context", "embedded_in_longer_run",
    ]
)  # fmt: skip

# -- templates ---------------------------------------------------------------------------------

PII_TEMPLATES = [
    # ID numbers
    "申请人{name}，身份证号码：{id18}，户籍所在地{city}市。",
    "经核验，{name}的居民身份证号{id18}与登记信息一致。",
    "乘车人：{name}　证件类型：居民身份证　证件号码：{id18}",
    "原告{name}，男，{year}出生，汉族，公民身份号码{id18}，住{city}市。",
    "被保险人{name}（ID：{id18}）的理赔申请已于{date}受理。",
    "兹证明{name}（身份证号：{id18}）系我单位在职职工，特此证明。",
    "{name}，身份证{id18}，于{date}在{city}办理了居住证。",
    "旧版身份证号码{id15}已停止使用，请{name}尽快换领新证。",
    "档案记载的15位身份证号为{id15}，升位后校验无误。",
    # mobiles
    "如有疑问请联系{name}，手机：{mobile}。",
    "联系电话：{mobile}（工作日上午九点至下午六点）",
    "快递员{name}的电话是{mobile}，预计{time}送达。",
    "报名请发短信至{mobile}，注明姓名和学号。",
    "{name}（{mobile}）负责本次活动的签到工作。",
    "收货人：{name}，{mobile}，{city}市高新区科技路{n}号",
    "紧急联系人{name}，联系方式{mobile}或{mobile}。",
    "Tel：{mobile}，欢迎来电咨询。",
    # landlines
    "办公室电话：{landline}，传真：{landline}。",
    "咨询电话{landline}（工作日）。",
    "请拨打{city}市民服务热线{landline}咨询办理进度。",
    "本院急诊科值班电话为{landline}，二十四小时有人接听。",
    "{company}总机：{landline}",
    # e-mail
    "简历请投递至{email}，邮件标题注明应聘岗位。",
    "邮箱：{email}。",
    "如需发票，请将开票信息发送到{email}。",
    "{name}的工作邮箱是{email}，私人邮箱是{email}。",
    "投稿邮箱{email}，审稿周期约{n}个工作日。",
    "有任何问题欢迎发邮件给我（{email}），我会尽快回复。",
    # bank cards
    "开户账号：{card}，开户行：{bank}{city}分行。",
    "请将款项汇入以下账户：户名{name}，账号{card}。",
    "退款将原路退回至卡号{card}的账户，请注意查收。",
    "{name}名下的借记卡{card}于{date}挂失。",
    "收款卡号：{card}（{bank}）",
    "工资代发账户为{bank}{card}，如有变更请及时告知人事部门。",
    # credit codes
    "{company}，统一社会信用代码：{uscc}，注册地址{city}市。",
    "纳税人识别号{uscc}的开票信息已更新。",
    "经查，{company}（统一社会信用代码{uscc}）存在逾期未报送年度报告的情形。",
    "供应商：{company}　信用代码：{uscc}",
    # IPv4
    "服务器地址：{ipv4}，端口{port}。",
    "检测到来自{ipv4}的异常登录请求，已自动拦截。",
    "数据库主机{ipv4}已完成迁移。",
    "用户{name}最后一次登录IP为{ipv4}。",
    "DNS服务器设为{dns}后解析恢复正常。",
    "请将网关设置为{ipv4}，子网掩码{netmask}。",
    "攻击流量主要来自{ipv4}和{ipv4}两个地址。",
    # IPv6
    "服务器IPv6地址：{ipv6}。",
    "检测到来自{ipv6}的访问，请确认是否为本人操作。",
    "路由器的链路本地地址为{ipv6}，请勿修改。",
    "请在浏览器中打开 http://[{ipv6}]:{port}/ 查看管理面板。",
    # passports
    "{name}，护照号码：{passport}，签发地{city}。",
    "持中国护照（{passport}）的旅客可走自助通道。",
    "Passport No.: {passport}, issued in {city}.",
    "请核对护照信息：{name}，{passport}，有效期至{date}。",
    "签证申请表中的护照号{passport}与原件不符，请更正。",
    # several kinds
    "客户{name}（身份证号{id18}，手机{mobile}）于{date}申请贷款{amount}，合同编号{order}。",
    "{company}（统一社会信用代码{uscc}）开户行{bank}，账号{card}，联系电话{landline}。",
    "登录日志：{date} {time} 用户{name}从{ipv4}登录，客户端版本{version}。",
    "请核对：身份证号{id18}，银行卡号{card}，预留手机号{mobile}。",
    "错误示例：{id_bad_check}（校验位错误）；正确示例：{id18}。",
    "联系人{name}，电话{mobile}，邮箱{email}，订单号{order}。",
    "开票信息：{company}，税号{uscc}，电话{landline}，账号{card}。",
    # ASCII punctuation, English, URLs and other tight contexts
    "手机号:{mobile},邮箱:{email}.",
    "Call {name} at {mobile} or write to <{email}>.",
    "后台地址 http://{ipv4}:{port}/login ，默认账号admin。",
    "执行 ssh root@{ipv4} -p {port} 登录跳板机。",
    "{mobile}/{mobile}（微信同号）",
    "抄送：{email};{email}",
    '<a href="mailto:{email}">联系我们</a>',
    "{id18}是{name}的身份证号。",
    "名片：{name} 经理 M:{mobile} T:{landline} E:{email}",
    "IP:{ipv4}:{port}，协议TCP。",
    "流水号{embedded}，身份证号{id18}。",
]

DECOY_TEMPLATES = [
    # look-alikes in PII contexts
    "身份证号码{id_bad_check}校验未通过，请重新输入。",
    "系统提示：证件号{id_bad_date}中的出生日期无效。",
    "身份证号{id_bad_area}的行政区划代码不存在。",
    "卡号{card_bad_luhn}不存在，请核对后重新输入。",
    "账号{card_bad_prefix}不是有效的银行卡号。",
    "信用代码{uscc_bad_check}校验失败。",
    "统一社会信用代码{uscc_bad_type}的登记管理部门代码有误。",
    "您输入的手机号{mobile_bad_length}位数不对。",
    "号码{mobile_bad_prefix}不是有效的手机号码。",
    "座机{landline_bad_length}少了一位，请补全。",
    "地址{ipv4_bad_octet}超出了合法范围。",
    "软件已升级至{version}，修复了{n}个已知问题。",
    "当前固件版本{version}，最新版本{version}。",
    "内核版本号：{dotted_run}",
    "详见第{section}节的说明。",
    "会议定于{date} {time}在{city}召开。",
    "设备MAC地址{mac}，出厂日期{date}。",
    "产品型号{passport_code}，批次{order}。",
    "本批次货号为{passport_code}，请在{date}前完成验收。",
    # ordinary numbers
    "订单号：{order}，下单时间{date} {time}，实付金额{amount}。",
    "您的快递{tracking}已由{city}转运中心发出。",
    "本书ISBN {isbn}，定价{n}元。",
    "该项目总投资{amount}，其中财政资金{bare}元。",
    "统计显示，{year}全市常住人口{bare}人。",
    "股票代码{stock}，{date}收盘价{n}元。",
    "发票代码{invoice}，发票号码{invoice}。",
    "车牌号{plate}的车辆于{time}驶入停车场。",
    "设备IMEI：{imei}，保修期至{date}。",
    "日志时间戳{timestamp}对应{date}。",
    "QQ群号：{qq}，欢迎加入交流。",
    "该地块坐标为{coord}，面积约{n}公顷。",
    "{year}至{year}年间，累计完成投资{amount}。",
    "合同编号{order}，签订日期{date}，总价{amount}。",
    "比赛在{time}开始，上半场比分{n}:{n}。",
]


def _render(template: str, rng: R) -> Example:
    parts: list[str] = []
    gold: list[Labelled] = []
    decoys: list[Labelled] = []
    pos = 0
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(literal)
        pos += len(literal)
        if field is None:
            continue
        slot = SLOTS[field]
        value = slot.gen(rng)
        if slot.fullwidth and rng.random() < 0.04:
            value = value.translate(_FULLWIDTH)
        if slot.kind is not None:
            gold.append(Labelled(slot.kind, pos, pos + len(value)))
        elif slot.decoy is not None:
            decoys.append(Labelled(slot.decoy, pos, pos + len(value)))
        parts.append(value)
        pos += len(value)
    return Example("".join(parts), tuple(gold), tuple(decoys))


def build_eval_set(size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED) -> list[Example]:
    """``size`` sentences: 60% from PII templates, 40% decoys only, in a seeded order."""
    rng = random.Random(seed)
    n_pii = round(size * 0.6)
    chosen = [rng.choice(PII_TEMPLATES) for _ in range(n_pii)]
    chosen += [rng.choice(DECOY_TEMPLATES) for _ in range(size - n_pii)]
    rng.shuffle(chosen)
    return [_render(template, rng) for template in chosen]


# -- scoring -----------------------------------------------------------------------------------


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def evaluate(
    find: Callable[[str], Sequence[_Span]] = find_pii,
    examples: Sequence[Example] | None = None,
) -> dict[str, Any]:
    """Exact-span scores of ``find`` on the evaluation set.

    A prediction counts only with the gold kind, start and end. Returns ``per_kind`` and
    ``overall`` P/R/F1 (micro-averaged), ``lookalike_fp_rate`` (share of checksum/date/length
    failing look-alikes that any prediction overlaps), ``distractor_fp_rate`` (same over all
    decoys), per-category ``decoys`` as (flagged, total), and up to 20 ``errors``.
    """
    examples = build_eval_set() if examples is None else examples
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    decoy_total: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for ex in examples:
        predicted = {(s.kind, s.start, s.end) for s in find(ex.text)}
        gold = {(g.kind, g.start, g.end) for g in ex.gold}
        for kind, _, _ in predicted & gold:
            tp[kind] += 1
        for kind, _, _ in predicted - gold:
            fp[kind] += 1
        for kind, _, _ in gold - predicted:
            fn[kind] += 1
        for decoy in ex.decoys:
            decoy_total[decoy.kind] += 1
            if any(s < decoy.end and decoy.start < e for _, s, e in predicted):
                flagged[decoy.kind] += 1
        if predicted != gold and len(errors) < 20:
            errors.append(
                {"text": ex.text, "missed": sorted(gold - predicted),
                 "spurious": sorted(predicted - gold)}
            )  # fmt: skip
    n_look = sum(decoy_total[c] for c in LOOKALIKES)
    look_flagged = sum(flagged[c] for c in LOOKALIKES)
    n_decoys = sum(decoy_total.values())
    return {
        "sentences": len(examples),
        "gold_spans": sum(len(ex.gold) for ex in examples),
        "per_kind": {
            kind: {**_prf(tp[kind], fp[kind], fn[kind]), "support": tp[kind] + fn[kind]}
            for kind in PII_KINDS
        },
        "overall": _prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "lookalikes": n_look,
        "lookalike_fp_rate": look_flagged / n_look if n_look else 0.0,
        "distractors": n_decoys,
        "distractor_fp_rate": sum(flagged.values()) / n_decoys if n_decoys else 0.0,
        "decoys": {cat: (flagged[cat], decoy_total[cat]) for cat in sorted(decoy_total)},
        "errors": errors,
    }


def _print_report(report: dict[str, Any]) -> None:
    print(f"{report['sentences']} sentences, {report['gold_spans']} gold spans")
    print(f"{'kind':<12}{'support':>9}{'P':>8}{'R':>8}{'F1':>8}")
    for kind, row in report["per_kind"].items():
        print(
            f"{kind:<12}{row['support']:>9}{row['precision']:>8.4f}{row['recall']:>8.4f}"
            f"{row['f1']:>8.4f}"
        )
    o = report["overall"]
    print(f"{'overall':<12}{o['tp'] + o['fn']:>9}{o['precision']:>8.4f}{o['recall']:>8.4f}"
          f"{o['f1']:>8.4f}")  # fmt: skip
    print(
        f"look-alike FP rate {report['lookalike_fp_rate']:.4f} of {report['lookalikes']}; "
        f"all decoys {report['distractor_fp_rate']:.4f} of {report['distractors']}"
    )
    for category, (hit, total) in report["decoys"].items():
        print(f"  {category:<22}{hit:>5} / {total}")
    for error in report["errors"]:
        print("  ERR", error)


if __name__ == "__main__":
    _print_report(evaluate())
