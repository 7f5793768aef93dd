"""Office documents: Word (.docx) through python-docx, Excel (.xlsx) through openpyxl.

- A .docx file is one document: paragraphs and tables in the order they appear, each
  paragraph a line, each table row a line of tab-separated cells (so a table never runs into
  the prose around it, and reads like a spreadsheet row); title and creation time from the
  document properties.
- An .xlsx sheet whose first row names the ``text_field`` column is a table of records: one
  document per row, like a CSV file (``#sheet=NAME&row=N``). Any other sheet is one document:
  its rows as lines of tab-separated cells (industry tables, price lists), ``#sheet=NAME``.

A file either library cannot open is quarantined as ``office_error``, never a failed run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from connectors.reasons import OFFICE_ERROR
from connectors.records import FileContext
from connectors.schema import Document, Quarantined

# A tab, not " | ": a line of words between bars is what a navigation bar looks like.
CELL_SEPARATOR = "\t"


def read_docx(ctx: FileContext) -> Iterator[Document | Quarantined]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(ctx.path))
    except OSError:
        raise
    except Exception as exc:  # zip, XML and content-type errors of a broken file
        yield ctx.quarantine(OFFICE_ERROR, f"cannot open DOCX: {type(exc).__name__}: {exc}")
        return
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.strip().replace("\n", " ") for cell in row.cells]
                lines.append(CELL_SEPARATOR.join(_unmerged(cells)))
    props = document.core_properties
    created = props.created
    if isinstance(created, dt.datetime) and created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    yield ctx.document(
        "\n".join(lines).strip("\n"),
        key=ctx.relpath,
        title=(props.title or "").strip() or ctx.path.stem,
        published_at=created if isinstance(created, dt.datetime) else None,
        metadata={"format": "docx", "tables": len(document.tables)},
    )


def _unmerged(cells: list[str]) -> list[str]:
    """python-docx repeats a merged cell once per grid column: keep one copy."""
    out: list[str] = []
    for cell in cells:
        if not out or cell != out[-1]:
            out.append(cell)
    return out


def read_xlsx(ctx: FileContext) -> Iterator[Document | Quarantined]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(ctx.path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:
        yield ctx.quarantine(OFFICE_ERROR, f"cannot open XLSX: {type(exc).__name__}: {exc}")
        return
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            names = [_cell(v) for v in header] if header else []
            if ctx.fields.text in names:
                yield from _records(ctx, sheet.title, names, rows)
                continue
            table = [header, *rows] if header else []
            lines = ["\t".join(_cell(v) for v in r).rstrip("\t") for r in table]
            text = "\n".join(line for line in lines if line.strip())
            yield ctx.document(
                text,
                key=f"{ctx.relpath}#sheet={sheet.title}",
                fragment=f"sheet={sheet.title}",
                title=f"{ctx.path.stem} - {sheet.title}",
                metadata={"format": "xlsx", "sheet": sheet.title},
            )
    finally:
        book.close()


def _records(
    ctx: FileContext, sheet: str, names: list[str], rows: Iterator[tuple[Any, ...]]
) -> Iterator[Document | Quarantined]:
    for index, row in enumerate(r for r in rows if any(v is not None for v in r)):
        record = {name: value for name, value in zip(names, row, strict=False) if name}
        if isinstance(record.get(ctx.fields.text), int | float):
            record[ctx.fields.text] = _cell(record[ctx.fields.text])
        yield ctx.from_record(
            record,
            location=f"sheet={sheet}&row={index}",
            fragment=f"sheet={sheet}&row={index}",
            extra={"sheet": sheet},
        )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()
