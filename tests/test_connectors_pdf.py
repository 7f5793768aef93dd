"""PDF: Chinese text from reportlab's built-in CID font, page marks, broken and locked files."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from connectors import Document, FileSource, Quarantined, make_doc_id
from connectors.formats.pdf import PAGE_SEPARATOR

PAGES = [
    ["第一页：高血压的诊断标准", "收缩压不低于140毫米汞柱。"],
    ["第二页：治疗原则", "生活方式干预是基础，药物治疗需个体化。"],
    ["第三页：随访管理", "患者应定期复诊，记录家庭血压。"],
]


def make_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    title: str | None = "高血压防治指南",
    encrypt: pdfencrypt.StandardEncryption | None = None,
) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    for lines in pages:
        pdf.setFont("STSong-Light", 14)
        for row, line in enumerate(lines):
            pdf.drawString(72, 760 - 24 * row, line)
        pdf.showPage()
    pdf.save()
    return path


def read_file(path: Path) -> list[Document | Quarantined]:
    source = FileSource("pdf", path.parent, pattern=path.name)
    return [item for p in source.partitions() for item in source.read(p)]


def test_cid_font_chinese_pdf_is_extracted_with_page_marks(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "guide.pdf", PAGES)

    (doc,) = read_file(path)

    assert isinstance(doc, Document)
    segments = doc.text.split(PAGE_SEPARATOR)
    assert len(segments) == 3
    for segment, lines in zip(segments, PAGES, strict=True):
        for line in lines:
            assert line in segment
    assert doc.title == "高血压防治指南"
    assert doc.metadata == {"format": "pdf", "page_count": 3}
    assert doc.id == make_doc_id("pdf", "guide.pdf")
    assert doc.uri == f"file://{path}"
    assert doc.char_count == len(doc.text)


def test_pdf_without_title_uses_file_stem(tmp_path: Path) -> None:
    (doc,) = read_file(make_pdf(tmp_path / "指南.pdf", PAGES[:1], title=None))
    assert isinstance(doc, Document) and doc.title == "指南"


def test_corrupt_and_empty_pdfs_are_quarantined(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01")
    (tmp_path / "empty.pdf").write_bytes(b"")

    source = FileSource("pdf", tmp_path)
    items = [i for p in source.partitions() for i in source.read(p)]

    assert [(Path(i.uri).name, i.reason) for i in items if isinstance(i, Quarantined)] == [
        ("broken.pdf", "pdf_error"),
        ("empty.pdf", "empty_file"),
    ]
    assert len(items) == 2


def test_encrypted_pdf_needs_empty_user_password(tmp_path: Path) -> None:
    locked = make_pdf(
        tmp_path / "locked.pdf",
        PAGES[:1],
        encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"),
    )
    owner_only = make_pdf(
        tmp_path / "owner_only.pdf",
        PAGES[:1],
        encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0),
    )

    (rejected,) = read_file(locked)
    assert isinstance(rejected, Quarantined) and rejected.reason == "pdf_error"
    assert "password" in (rejected.detail or "")
    (doc,) = read_file(owner_only)
    assert isinstance(doc, Document) and PAGES[0][1] in doc.text


def test_failing_page_is_quarantined_and_others_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf(tmp_path / "partly.pdf", PAGES)
    original = pypdf.PageObject.extract_text

    def flaky(self: pypdf.PageObject, *args: object, **kwargs: object) -> str:
        if "第二页" in original(self):
            raise KeyError("/Font")
        return original(self)

    monkeypatch.setattr(pypdf.PageObject, "extract_text", flaky)

    reject, doc = read_file(path)

    assert isinstance(reject, Quarantined)
    assert reject.reason == "pdf_error" and reject.uri == f"file://{path}#page=2"
    assert "page 2 of 3" in (reject.detail or "")
    assert isinstance(doc, Document)
    first, second, third = doc.text.split(PAGE_SEPARATOR)
    assert PAGES[0][0] in first and second == "" and PAGES[2][0] in third
    assert doc.metadata == {"format": "pdf", "page_count": 3, "failed_pages": [2]}


def test_pdf_without_text_layer_is_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 72, 300, 300, fill=1)  # stands in for a scanned image: no text at all
    pdf.showPage()
    pdf.save()

    (reject,) = read_file(path)

    assert isinstance(reject, Quarantined) and reject.reason == "empty_text"
    assert "OCR" in (reject.detail or "")


def test_pdf_text_over_the_size_limit(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", PAGES)
    source = FileSource("pdf", path, max_document_bytes=60)
    (reject,) = [i for p in source.partitions() for i in source.read(p)]
    assert isinstance(reject, Quarantined) and reject.reason == "document_too_large"
