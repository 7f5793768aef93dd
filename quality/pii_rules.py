"""Checksums and plausibility rules behind :mod:`quality.pii` (pure functions, no regexes).

Each validator takes the candidate with separators already removed and ASCII digits/letters
(callers fold full-width forms first). They answer "could this be a real identifier?", so a
run of digits that merely has the right length is rejected when its check character, date,
region or issuer prefix is impossible.

Sources of the rules: GB 11643-1999 (citizen identity number, ISO 7064 MOD 11-2 check),
GB/T 2260 (province-level region codes), GB 32100-2015 (unified social credit code), ISO/IEC
7812 (payment card Luhn check and issuer prefixes).
"""

from __future__ import annotations

import datetime as _dt

# Province-level codes of GB/T 2260 (first two digits of an administrative division code):
# 11-15 north, 21-23 north-east, 31-37 east, 41-46 central-south, 50-54 south-west,
# 61-65 north-west, 71 Taiwan, 81 Hong Kong, 82 Macao; 83 is used by residence permits for
# Taiwan residents.
PROVINCE_CODES: frozenset[str] = frozenset(
    [f"{n}" for n in range(11, 16)]
    + [f"{n}" for n in range(21, 24)]
    + [f"{n}" for n in range(31, 38)]
    + [f"{n}" for n in range(41, 47)]
    + [f"{n}" for n in range(50, 55)]
    + [f"{n}" for n in range(61, 66)]
    + ["71", "81", "82", "83"]
)

_EARLIEST_BIRTH = _dt.date(1900, 1, 1)
_ID_CHECK_CHARS = "10X98765432"  # GB 11643: check character for (weighted sum mod 11)


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()  # str.isdigit alone accepts "²" and "١"


def _date_or_none(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def is_birth_date(yyyymmdd: str, today: _dt.date | None = None) -> bool:
    """A real calendar date from 1900-01-01 up to ``today`` (default: the current date)."""
    if len(yyyymmdd) != 8 or not _ascii_digits(yyyymmdd):
        return False
    born = _date_or_none(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    if born is None:
        return False
    return _EARLIEST_BIRTH <= born <= (today or _dt.date.today())


def cn_id_check_char(body17: str) -> str:
    """GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2, 'X' for 10)."""
    # Horner form of sum(a_i * 2^(17-i)) mod 11: no weight table needed.
    acc = 0
    for ch in body17:
        acc = (acc + ord(ch) - 48) * 2 % 11
    return _ID_CHECK_CHARS[acc]


def is_cn_id(number: str, today: _dt.date | None = None) -> bool:
    """18-character mainland ID number: province, birth date and check character all valid.

    The 15-digit numbers issued before 1999 are checked with :func:`is_legacy_cn_id`.
    """
    if len(number) != 18 or not _ascii_digits(number[:17]):
        return False
    if number[:2] not in PROVINCE_CODES or not is_birth_date(number[6:14], today):
        return False
    return cn_id_check_char(number[:17]) == number[17].upper()


def is_legacy_cn_id(number: str, today: _dt.date | None = None) -> bool:
    """15-digit ID number of the first generation: province and a 19YYMMDD birth date.

    It has no check character, so callers should require supporting context.
    """
    if len(number) != 15 or not _ascii_digits(number):
        return False
    return number[:2] in PROVINCE_CODES and is_birth_date("19" + number[6:12], today)


def has_cn_id_shape(number: str) -> bool:
    """18 digits laid out like an ID number: province code, then 18xx-20xx, 0x/1x, 0x-3x.

    Loose on purpose: it keeps ID numbers with a bad check character or an impossible date
    (19990230, 19951301) from being read as bank cards.
    """
    if len(number) != 18 or number[:2] not in PROVINCE_CODES:
        return False
    return number[6:8] in ("18", "19", "20") and number[10] in "01" and number[12] in "0123"


def luhn_ok(digits: str) -> bool:
    """ISO/IEC 7812 Luhn check over a digit string (the last digit is the check digit)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_prefix_plausible(digits: str) -> bool:
    """Issuer prefix and length of a card some network actually issues (16-19 digits)."""
    n = len(digits)
    if not 16 <= n <= 19:
        return False
    two = int(digits[:2])
    four = int(digits[:4])
    if digits[0] == "4":  # Visa: 16 or 19 digits
        return n in (16, 19)
    if 51 <= two <= 55 or 2221 <= four <= 2720:  # Mastercard
        return n == 16
    if two == 95:  # pre-UnionPay Chinese domestic cards (9558, 9559x): 19 digits
        return n == 19
    # UnionPay 62 and 81, Discover/domestic 60, 64, 65, JCB 35, Diners 30/36/38/39,
    # Maestro 50/56-58/67.
    return two in (30, 35, 36, 38, 39, 50, 56, 57, 58, 60, 62, 64, 65, 67, 81)


def is_bank_card(digits: str) -> bool:
    """Plausible issuer prefix and length plus a valid Luhn check digit."""
    if not card_prefix_plausible(digits) or not luhn_ok(digits):
        return False
    # An 18-digit number shaped like an ID number is an ID with a bad check character far
    # more often than one of the rare 18-digit cards.
    return not has_cn_id_shape(digits)


# GB 32100 alphabet: digits and capitals without I, O, Z, S, V (31 symbols, index = value).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

# Registration department (first character) -> institution types (second character).
USCC_TYPES: dict[str, str] = {
    "1": "1239",  # 机构编制: 机关, 事业单位, 中央编办管理的群众团体, 其他
    "2": "19",  # 外交
    "3": "123459",  # 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委员会, 其他
    "4": "19",  # 文化
    "5": "1239",  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 工商: 企业, 个体工商户, 农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业: 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": "1",  # 其他
}


def uscc_check_char(body17: str) -> str:
    """GB 32100 check character: 31 - (sum of value * 3^i mod 31) mod 31, mapped back."""
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(body17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_uscc(code: str) -> bool:
    """18-character unified social credit code with a valid department, type, region, check."""
    if len(code) != 18 or any(ch not in _USCC_VALUE for ch in code):
        return False
    if code[1] not in USCC_TYPES.get(code[0], ""):
        return False
    region = code[2:8]
    # Central-level bodies register under 100000; everyone else under a GB/T 2260 region.
    if not region.isdigit() or (region[:2] not in PROVINCE_CODES and region != "100000"):
        return False
    return uscc_check_char(code[:17]) == code[17]
