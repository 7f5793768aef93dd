"""Worst-case inputs: no document may stall the quality stage.

Web pages and PDFs carry text no writer meant: base64 blobs, runs of one symbol, rows of
``@`` or ``|``, minified code. A regular expression that backtracks can take seconds or
minutes on such a run where it takes microseconds on prose. This script times every
function of the quality stage on documents made of one short unit repeated (``"a@"``,
``"-"``, ``"«a» "`` ...) and compares the slowest with ordinary generated Chinese documents of
the same size, measured in the same run::

    python benchmarks/bench_worst_case.py              # 200,000-character documents
    python benchmarks/bench_worst_case.py --chars 50000

The last column is how many times longer the worst input takes than prose (prose times
under 0.1 ms count as 0.1 ms: detect_language reads only a document's head). Each function
is called once on warm-up texts first, so lazy loading (langdetect's profiles, lingua's
models) is not counted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth_zh import make_documents

from quality import assess, clean_text, detect_language, find_pii, tag_domains

# Repeated to the document size: symbols, address and markup characters, brackets, quotes,
# separators, digits, CJK punctuation, indentation, and short mixes of them.
UNITS = (
    "a", "a ", "a@", "a.", "a_", "a|", "a|b ", "Ab", "ab.cd ", "a.b@c", "x=", "1", "1.",
    "1-", "1.2.3", "12345678901234567 ", "-", "--x ", ".", "@", "[", "(", "{", "<", "'",
    "\\", "%s", "«", "«a» ", "「", "─", "　", "。", "数", "数a", "数据。", "第一条 ", "\t",
    "x\n", "\n\n", "    # x   y\n", "http://", "http://a.b/", "www.", "ﬁ", "Ã©",
)  # fmt: skip

FUNCTIONS: dict[str, Callable[[str], object]] = {
    "clean_text": clean_text,
    "detect_language": detect_language,
    "find_pii": find_pii,
    "assess": assess,
    "tag_domains": tag_domains,
}


def _seconds(fn: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def _prose(chars: int) -> str:
    """Generated Chinese documents joined to ``chars`` characters."""
    text = ""
    for doc in make_documents(chars * 4, seed=0, pdf_share=0.0, mojibake_share=0.0):
        text += doc.text + "\n\n"
        if len(text) >= chars:
            break
    return text[:chars]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=200_000, help="characters per document")
    args = ap.parse_args()

    for fn in FUNCTIONS.values():
        fn("中文的预热文本。")
        fn("An English text to warm up the models.")
    prose = _prose(args.chars)
    print(f"Documents of {args.chars:,} characters; prose: generated Chinese.\n")
    print("| function | prose ms | worst input | worst ms | worst MB/s | worst / prose |")
    print("|---|---:|---|---:|---:|---:|")
    for name, fn in FUNCTIONS.items():
        prose_s = min(_seconds(fn, prose) for _ in range(3))
        worst_unit, worst_s = max(
            ((unit, _seconds(fn, unit * (args.chars // len(unit)))) for unit in UNITS),
            key=lambda pair: pair[1],
        )
        size = len((worst_unit * (args.chars // len(worst_unit))).encode())
        print(
            f"| {name} | {prose_s * 1e3:.1f} | `{worst_unit!r}` repeated | {worst_s * 1e3:.1f} "
            f"| {size / worst_s / 1e6:.1f} | {worst_s / max(prose_s, 1e-4):.1f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
