"""Chinese-first PII detection and redaction: ID numbers, phones, e-mail, cards, codes, IPs.

Every candidate a pattern finds is validated before it is reported (check characters, real
birth dates, region and issuer prefixes, octet ranges, stdlib IPv6 parsing), so numbers that
only look like PII (order numbers, amounts, IDs with a wrong check digit) are left alone.

Rules worth knowing:

* Full-width digits, letters and ASCII punctuation (U+FF01..U+FF5E, U+3000) are folded to
  ASCII before matching, exactly as NFKC does for that block. The fold maps one code point to
  one code point, so offsets in the folded text are offsets in the original; spans always
  carry the original characters.
* Landlines need an area code (010, 02x or 0 plus three digits) joined by "-", a space or
  parentheses; bare 7-8 digit numbers are amounts and years far more often than phone numbers.
* Passport numbers (E/G/P/S/D + 8 digits, E + letter + 7 digits, DE/SE/PE + 7 digits) and the
  pre-1999 15-digit ID numbers (no check character) are reported only when a keyword
  ("护照"/"passport", "身份证"/"证件号") appears within 20 characters before them: alone they
  are indistinguishable from model, batch and order numbers.
* Dotted quads whose octets are all single digits ("3.1.2.1" section numbers) need an IP
  keyword before them, and any dotted quad right after a version keyword is a version.
* Overlaps: the longest candidate wins (an e-mail address beats the phone number that is its
  local part); equal spans go to the kind with the stronger check (ID card, credit code,
  bank card, passport, mobile, landline, e-mail, IPv6, IPv4).

Speed: one regex pass finds "islands", runs of at least 6 characters that PII is made of and
that hold a digit or "@"; the per-kind patterns then only run inside islands long enough for
them and holding the right characters ("@" for e-mail, ":" for IPv6, "." for IPv4). Han prose
costs that one pass; English costs one island per number.
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quality.pii_rules import (
    is_bank_card,
    is_cn_id,
    is_legacy_cn_id,
    is_uscc,
)


@dataclass(frozen=True)
class PiiSpan:
    """One PII occurrence: ``text == original[start:end]``."""

    kind: str
    start: int
    end: int
    text: str


PII_KINDS: tuple[str, ...] = (
    "cn_id_card",
    "mobile",
    "landline",
    "email",
    "bank_card",
    "uscc",
    "ipv4",
    "ipv6",
    "passport",
)
# Tie-break between equal spans: kinds with stronger checks are the more specific reading.
_BY_SPECIFICITY = (
    "cn_id_card", "uscc", "bank_card", "passport", "mobile", "landline", "email", "ipv6", "ipv4",
)  # fmt: skip
_PRIORITY = {kind: i for i, kind in enumerate(_BY_SPECIFICITY)}

_CONTEXT_CHARS = 20

_Candidate = tuple[int, int, str]  # start, end, kind

# -- full-width folding --------------------------------------------------------------------

_FOLD_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Folding is only worth a pass over the text when PII could be written in full width.
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]")


def _fold(text: str) -> str:
    if _FULLWIDTH_ALNUM_RE.search(text) is None:
        return text
    return text.translate(_FOLD_TABLE)


# -- patterns (run on folded text) -----------------------------------------------------------

# Islands: maximal runs of characters PII is made of ("转分机#" carry landline extensions)
# whose first segment holds a digit or "@". A space joins only before what can follow one
# inside PII ("138 1234", "(010) 6275", "+86 138", "转 801", " ext"), so English prose does not
# become one long island. Every pattern's characters are island characters, so a match can
# never reach outside its island; no PII is shorter than 6 ("a@b.cn", "fe80::1").
_ISLAND_CHARS = r"0-9A-Za-z_.%+\-@:()（）#转分机"
# The character class comes first so that the regex engine can skip ahead with it; the
# lookbehind then checks that the run starts here.
_ISLAND_RE = re.compile(
    rf"[{_ISLAND_CHARS}](?<![{_ISLAND_CHARS}].)(?:(?<=[0-9@])|(?=[{_ISLAND_CHARS}]*[0-9@]))"
    rf"(?:[{_ISLAND_CHARS}]| (?=[0-9(（+\-转分eExX#])){{5,}}"
)
_DIGIT_RE = re.compile(r"[0-9]")

_ID18_RE = re.compile(
    r"(?<![0-9A-Za-z])[1-8][0-9]{5}(?P<sep> ?)[0-9]{8}(?P=sep)[0-9]{3}[0-9Xx](?![0-9A-Za-z])"
)
_ID15_RE = re.compile(r"(?<![0-9A-Za-z])[1-8][0-9]{14}(?![0-9A-Za-z])")
_ID_CONTEXT_RE = re.compile("身份证|证件号|身份号码")

# An 11-digit amount ("13800000000元") has a unit after it or a currency sign before it.
_MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z+$¥￥])"
    r"(?:[(（](?:\+|00)?86[)）] ?|(?:\+|00)?86[- ]?)?"
    r"1[3-9][0-9](?:[0-9]{8}|(?P<sep>[ .-])[0-9]{4}(?P=sep)[0-9]{4})"
    r"(?![0-9A-Za-z])(?!\.[0-9])(?![元万亿千百美吨人次个件台%])"
)

_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"  # without the leading 0
_LANDLINE_RE = re.compile(
    r"(?<![0-9A-Za-z+])"
    r"(?:"
    rf"[(（]0(?P<a1>{_AREA})[)）] ?"
    rf"|0(?P<a2>{_AREA})(?:-| - | )"
    rf"|(?:\+|00)86[- ](?P<a3>{_AREA})[- ]"
    r")"
    r"(?P<local>[2-9][0-9]{6,7}|[2-9][0-9]{2,3}[- ][0-9]{4})"
    r"(?:(?: ?(?:转|分机|ext\.?|[xX#]) ?|-)[0-9]{1,6})?"
    r"(?![0-9A-Za-z])"
)

_CARD_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"[0-9]{16,19}(?![0-9A-Za-z])(?!\.[0-9])"
    r"|(?<![0-9][ -])[0-9]{4}(?P<sep>[ -])[0-9]{4}(?:(?P=sep)[0-9]{4}){2}"
    r"(?:(?P=sep)[0-9]{1,3})?(?![0-9A-Za-z])(?!(?P=sep)[0-9])"
    r")"
)

_USCC_RE = re.compile(
    r"(?<![0-9A-Za-z])[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])"
)

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"[A-Za-z0-9_][A-Za-z0-9._%+\-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
    r"(?![A-Za-z0-9\-])"
)

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
# Not part of a longer dotted run ("1.2.3.4.5") or glued to letters/digits.
_IPV4_RE = re.compile(rf"(?<![0-9A-Za-z.])(?:{_OCTET}\.){{3}}{_OCTET}(?![0-9A-Za-z]|\.[0-9A-Za-z])")
_IP_CONTEXT_RE = re.compile(r"IP|地址|服务器|主机|网关|DNS|host|server|address|ping", re.I)
_VERSION_BEFORE_RE = re.compile(
    r"(?:版本号?|版号|version|ver\.?|release|build|固件|内核|升级[到至]|更新[到至])"
    r"\s*[:：=为是]?\s*$",
    re.I,
)

_IPV6_CANDIDATE_RE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f:][0-9A-Fa-f:.]{2,}(?![0-9A-Za-z])")

_PASSPORT_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:[EGPSD][0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|[DSP]E[0-9]{7})(?![0-9A-Za-z])"
)
_PASSPORT_CONTEXT_RE = re.compile("护照|passport", re.I)

_SEPARATORS_RE = re.compile(r"[ \-]")


# -- validators: (folded text, match) -> (start, end) or None --------------------------------


def _context_before(folded: str, start: int, pattern: re.Pattern[str]) -> bool:
    return pattern.search(folded, max(0, start - _CONTEXT_CHARS), start) is not None


def _check_id18(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    return m.span() if is_cn_id(m.group().replace(" ", "")) else None


def _check_id15(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    if is_legacy_cn_id(m.group()) and _context_before(folded, m.start(), _ID_CONTEXT_RE):
        return m.span()
    return None


def _inside_grouped_run(folded: str, start: int) -> bool:
    """A digit group and separator just before: "6222 0755 8888 6666" is one long number."""
    return start >= 2 and folded[start - 1] in " -" and "0" <= folded[start - 2] <= "9"


def _check_mobile(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    if m.group("sep") and _inside_grouped_run(folded, m.start()):
        return None
    return m.span()


def _check_landline(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    area = m.group("a1") or m.group("a2") or m.group("a3")
    local = m.group("local")
    # Beijing and the 02X cities have 8-digit local numbers; elsewhere 7 or 8.
    if len(area) == 2 and sum(ch.isdigit() for ch in local) != 8:
        return None
    if not local.isdigit() and _inside_grouped_run(folded, m.start()):
        return None
    return m.span()


def _check_card(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    return m.span() if is_bank_card(_SEPARATORS_RE.sub("", m.group())) else None


def _check_uscc(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    return m.span() if is_uscc(m.group()) else None


def _check_email(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    local = m.group()[: m.group().index("@")]
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    return m.span()


def _check_ipv4(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    start, end = m.span()
    octets = m.group().split(".")
    if octets[0] in ("0", "255"):  # netmasks and "this network" are not host addresses
        return None
    before = folded[max(0, start - 12) : start]
    if _VERSION_BEFORE_RE.search(before) or folded.startswith("版", end):
        return None
    if all(len(octet) == 1 for octet in octets) and not _context_before(
        folded, start, _IP_CONTEXT_RE
    ):
        return None
    return start, end


def _check_ipv6(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    start, end = m.span()
    # Sentence punctuation and a label colon ("地址:2001:db8::1.") are not part of the address.
    while end - start > 2 and folded[end - 1] in ".:" and folded[end - 2] != ":":
        end -= 1
    if folded[start] == ":" and folded[start + 1] != ":":
        start += 1
    candidate = folded[start:end]
    # Times "12:30", C++ "a::b"; under 6 characters ("::1", "::59") nothing personal is left.
    if len(candidate) < 6 or candidate.count(":") < 2 or _DIGIT_RE.search(candidate) is None:
        return None
    try:
        address = ipaddress.IPv6Address(candidate)
    except ValueError:
        return None
    return None if address.is_unspecified else (start, end)


def _check_passport(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    return m.span() if _context_before(folded, m.start(), _PASSPORT_CONTEXT_RE) else None


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    check: Callable[[str, re.Match[str]], tuple[int, int] | None]
    min_len: int  # shortest island that can hold a match
    needs: str = ""  # a character the island must contain
    letters_only: bool = False  # may match without any digit (e-mail)


# Sorted by min_len: the scan stops at the first rule an island is too short for.
_RULES: tuple[_Rule, ...] = (
    _Rule("email", _EMAIL_RE, _check_email, 6, needs="@", letters_only=True),
    _Rule("ipv6", _IPV6_CANDIDATE_RE, _check_ipv6, 6, needs=":"),
    _Rule("ipv4", _IPV4_RE, _check_ipv4, 7, needs="."),
    _Rule("passport", _PASSPORT_RE, _check_passport, 9),
    _Rule("mobile", _MOBILE_RE, _check_mobile, 11),
    _Rule("landline", _LANDLINE_RE, _check_landline, 11),
    _Rule("cn_id_card", _ID15_RE, _check_id15, 15),
    _Rule("bank_card", _CARD_RE, _check_card, 16),
    _Rule("cn_id_card", _ID18_RE, _check_id18, 18),
    _Rule("uscc", _USCC_RE, _check_uscc, 18),
)


def _resolve_kinds(kinds: Iterable[str] | None) -> frozenset[str]:
    if kinds is None:
        return frozenset(PII_KINDS)
    wanted = frozenset([kinds] if isinstance(kinds, str) else kinds)
    unknown = wanted - frozenset(PII_KINDS)
    if unknown:
        raise ValueError(f"unknown PII kinds {sorted(unknown)}; known: {', '.join(PII_KINDS)}")
    return wanted


def _resolve_cluster(cluster: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then the more specific kind; keep those that overlap nothing kept."""
    kept: list[_Candidate] = []
    for cand in sorted(cluster, key=lambda c: (c[0] - c[1], _PRIORITY[c[2]], c[0])):
        if all(cand[1] <= k[0] or k[1] <= cand[0] for k in kept):
            kept.append(cand)
    return sorted(kept)


def _select_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates sorted by start; overlaps are settled within each cluster
    of mutually overlapping candidates, which keeps long lists of PII linear."""
    candidates.sort()
    selected: list[_Candidate] = []
    cluster: list[_Candidate] = []
    cluster_end = -1
    for cand in candidates:
        if cluster and cand[0] >= cluster_end:
            selected.extend(cluster if len(cluster) == 1 else _resolve_cluster(cluster))
            cluster = []
        cluster.append(cand)
        cluster_end = cand[1] if len(cluster) == 1 else max(cluster_end, cand[1])
    selected.extend(cluster if len(cluster) == 1 else _resolve_cluster(cluster))
    return selected


def _scan(folded: str, rules: list[_Rule], windows: Iterable[tuple[int, int]]) -> list[_Candidate]:
    """Validated candidates (start, end, kind) of ``rules`` (shortest ``min_len`` first) inside
    each window."""
    candidates: list[_Candidate] = []
    for start, end in windows:
        size = end - start
        chunk = folded[start:end]
        # Islands start with a segment holding a digit or "@"; only "@" needs a second look.
        has_digit = "@" not in chunk or _DIGIT_RE.search(chunk) is not None
        for rule in rules:
            if size < rule.min_len:
                break
            if (rule.needs and rule.needs not in chunk) or not (has_digit or rule.letters_only):
                continue
            # One character past the window: lookaheads see the real next character (never
            # part of a match, since every pattern's characters are island characters).
            for m in rule.pattern.finditer(folded, start, end + 1):
                span = rule.check(folded, m)
                if span is not None:
                    candidates.append((span[0], span[1], rule.kind))
    return candidates


def find_pii(text: str, kinds: Iterable[str] | None = None) -> list[PiiSpan]:
    """PII in ``text``, sorted by position and non-overlapping.

    ``kinds`` limits the search to some of :data:`PII_KINDS` (default: all of them).
    Raises ``ValueError`` for an unknown kind.
    """
    wanted = _resolve_kinds(kinds)
    rules = [rule for rule in _RULES if rule.kind in wanted]
    if not text or not rules:
        return []
    folded = _fold(text)
    candidates = _scan(folded, rules, (m.span() for m in _ISLAND_RE.finditer(folded)))
    if not candidates:
        return []
    return [PiiSpan(kind, s, e, text[s:e]) for s, e, kind in _select_overlaps(candidates)]


# -- redaction -------------------------------------------------------------------------------

_NUMBER_KINDS = frozenset(["cn_id_card", "uscc", "bank_card", "passport", "mobile", "landline"])
_ALNUM_RE = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _mask(span: PiiSpan) -> str:
    """Same length; separators stay so the shape of the value is still readable."""
    text = span.text
    if span.kind == "email":
        at = text.index("@") if "@" in text else text.index("＠")
        return text[0] + "*" * (at - 1) + text[at:]
    if span.kind in _NUMBER_KINDS:
        positions = [m.start() for m in _ALNUM_RE.finditer(text)]
        inner = set(positions[1:-1])
        return "".join("*" if i in inner else ch for i, ch in enumerate(text))
    return _ALNUM_RE.sub("*", text)  # IP addresses: every digit, dots and colons kept


def redact_pii(
    text: str, kinds: Iterable[str] | None = None, *, style: str = "tag"
) -> tuple[str, list[PiiSpan]]:
    """``text`` with every PII span replaced, and the spans (offsets in the input text).

    ``style="tag"`` writes ``<kind>`` (e.g. ``<cn_id_card>``, ``<mobile>``); ``style="mask"``
    keeps the length and replaces characters with ``*``: numbers keep their first and last
    characters and their separators, e-mail keeps the first character and the domain, IP
    addresses keep only dots and colons.
    """
    if style not in ("tag", "mask"):
        raise ValueError(f"style must be 'tag' or 'mask', not {style!r}")
    spans = find_pii(text, kinds)
    if not spans:
        return text, spans
    parts: list[str] = []
    pos = 0
    for span in spans:
        parts.append(text[pos : span.start])
        parts.append(f"<{span.kind}>" if style == "tag" else _mask(span))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts), spans


def pii_counts(spans: Iterable[PiiSpan]) -> dict[str, int]:
    """Number of spans of each kind, in :data:`PII_KINDS` order (kinds that occur only)."""
    counts = Counter(span.kind for span in spans)
    return {kind: counts[kind] for kind in PII_KINDS if counts[kind]}
