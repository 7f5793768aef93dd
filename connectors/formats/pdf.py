"""PDF files through pypdf: one document per file, pages joined by ``"\\n\\f\\n"``.

The form feed marks page boundaries for the cleaner (running headers, page numbers); a page that
fails to extract stays in place as an empty page and is quarantined on its own
(``#page=N``, 1-based), so page N is always the N-th segment. Encrypted files are opened when the
user password is empty (owner-only restrictions), otherwise quarantined.

pypdf maps text through each font's ToUnicode table or, for CID fonts without one, through the
predefined Unicode CMaps (``UniGB-UCS2-H`` and friends), which covers PDFs made with the standard
Chinese CID fonts. Scanned pages have no text layer and yield ``empty_text`` for the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pypdf import PasswordType, PdfReader

from connectors import reasons
from connectors.records import FileContext
from connectors.schema import Document, Quarantined
from connectors.values import TOO_LARGE_RAW_LIMIT, clean_str

PAGE_SEPARATOR = "\n\f\n"


def read_pdf(ctx: FileContext) -> Iterator[Document | Quarantined]:
    # pypdf raises many exception types on broken files (PdfReadError, KeyError, ValueError,
    # struct.error ...); any failure to open is a pdf_error reject, never a crashed run.
    try:
        reader = PdfReader(ctx.path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            yield ctx.quarantine(reasons.PDF_ERROR, "encrypted PDF needs a password")
            return
        page_count = len(reader.pages)
    except OSError:
        raise
    except Exception as exc:
        yield ctx.quarantine(reasons.PDF_ERROR, f"cannot open PDF: {_describe(exc)}")
        return

    texts: list[str] = []
    failed: list[int] = []
    size = 0
    for number in range(1, page_count + 1):
        try:
            # Broken fonts can yield lone surrogates; replace them rather than lose the file.
            text = clean_str(reader.pages[number - 1].extract_text() or "")
        except Exception as exc:
            failed.append(number)
            texts.append("")
            yield ctx.quarantine(
                reasons.PDF_ERROR,
                f"page {number} of {page_count}: {_describe(exc)}",
                fragment=f"page={number}",
            )
            continue
        texts.append(text)
        size += len(text.encode("utf-8")) + len(PAGE_SEPARATOR)
        if size > ctx.max_document_bytes:
            # Stop early: a huge PDF must not be held in memory only to be rejected.
            yield ctx.quarantine(
                reasons.DOCUMENT_TOO_LARGE,
                f"text of pages 1-{number} is over max_document_bytes={ctx.max_document_bytes}",
                "".join(texts)[:TOO_LARGE_RAW_LIMIT],
            )
            return

    metadata: dict[str, Any] = {"format": "pdf", "page_count": page_count}
    if failed:
        metadata["failed_pages"] = failed
    text = PAGE_SEPARATOR.join(texts)
    if not text or text.isspace():  # form feeds count as whitespace
        yield ctx.quarantine(
            reasons.EMPTY_TEXT,
            f"no extractable text in {page_count} pages (scanned images need OCR)",
        )
        return
    yield ctx.document(
        text,
        key=ctx.relpath,
        title=_title(reader) or ctx.path.stem,
        metadata=metadata,
    )


def _title(reader: PdfReader) -> str | None:
    try:
        info = reader.metadata
        title = info.title if info is not None else None
    except Exception:  # a broken info dictionary must not cost the text
        return None
    if not isinstance(title, str) or not title.strip():
        return None
    # Producers fill the field with stand-ins (reportlab: "untitled"); the file name says more.
    if title.strip().lower() in {"untitled", "untitled document", "无标题"}:
        return None
    return title.strip()


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"
