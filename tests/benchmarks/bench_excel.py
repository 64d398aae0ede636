"""Benchmark: Excel ledgers in and out (issue 20). Not a test: run by `make bench`.

    python -m tests.benchmarks.bench_excel [--rows 10000 100000]

For each size, in a fresh process (so peak RSS is the case's own):
- import: a 存苗台账 sheet of N rows read (calamine, streamed to the async side in batches)
  and fully validated — every cell parsed and normalised, each row built, checked against the
  actor's bases (the lookups ``prepare`` loads once are given in memory here: no database) —
  as the preview and the commit's check do;
- export: N rows written in a list's column spec (core.xlsx: rvgsrust-xlsxwriter, each sheet
  in constant-memory mode), read against the same writer alone on the same rows ("baseline")
  and against Python xlsxwriter alone in constant-memory mode (the writer before, "xlsxwriter").
Prints rows/s, peak Python memory (tracemalloc, a second run) and peak RSS, and the targets:
import ≥ 10,000 rows/s, export ≥ 20,000 rows/s, memory not growing with the file.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from typing import Any

import xlsxwriter

IMPORT_TARGET, EXPORT_TARGET = 10_000, 20_000
BASES = [f"兴安盟第{i}苗圃" for i in range(200)]
SPECIES = ["樟子松", "兴安落叶松", "云杉", "五角枫", "山杏", "文冠果", "榆树", "柠条"]
AGES = ["2-1", "1(2)-0", "2-0", "1-1", "3-0"]
GRADES = ["Ⅰ级苗", "Ⅱ级苗", "未分级", "Ⅱ级"]


def stock_sheet(rows: int, bad_at: int = 0, bases: list[str] = BASES) -> bytes:
    """A FICTIONAL 存苗台账 of ``rows`` lines (line ``bad_at`` with an unknown age code) over
    ``bases``."""
    import io

    from seedreg.nurseries.stock_ledger import COLUMNS

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, [c.header for c in COLUMNS])
    for i in range(1, rows + 1):
        age = "x-y" if i == bad_at else AGES[i % len(AGES)]
        sheet.write_string(i, 0, bases[i % len(bases)])
        sheet.write_string(i, 2, SPECIES[i % len(SPECIES)])
        sheet.write_string(i, 3, age)
        sheet.write_string(i, 4, GRADES[i % len(GRADES)])
        sheet.write_number(i, 5, 1000 + i)
    book.close()
    return out.getvalue()


def _importer() -> Any:
    from seedreg.nurseries import stock_ledger

    lookups = stock_ledger.Lookups(by_name={n: [(i + 1, "")] for i, n in enumerate(BASES)})

    async def prepare(actor: Any) -> Any:
        return dataclasses.replace(lookups, replaced=set())

    return dataclasses.replace(stock_ledger.STOCK, prepare=prepare)


async def _validate(importer: Any, content: bytes) -> tuple[int, int]:
    from seedreg.core.importer.services import _read

    checked = await _read(importer, None, "", "bench.xlsx", content)
    return checked.total, checked.bad_count


def run_import(rows: int) -> dict[str, Any]:
    content = stock_sheet(rows, bad_at=rows - 3)
    importer = _importer()
    raw = _calamine_seconds(content)  # the library alone, back to back, in this process
    start = time.perf_counter()
    total, bad = asyncio.run(_validate(importer, content))
    seconds = time.perf_counter() - start
    assert (total, bad) == (rows, 1), (total, bad)
    raw = min(raw, _calamine_seconds(content))  # once before and once after: the load moves
    tracemalloc.start()
    asyncio.run(_validate(importer, content))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"rows": rows, "seconds": seconds, "peak_py": peak, "file_bytes": len(content),
            "raw_seconds": raw}  # fmt: skip


def _calamine_seconds(content: bytes) -> float:
    import io

    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    for _row in sheet.iter_rows():
        pass
    return time.perf_counter() - start


def _export_row(i: int) -> dict[str, Any]:
    return {
        "base": BASES[i % len(BASES)],
        "uscc": "91152201MA0000000X",
        "species": SPECIES[i % len(SPECIES)],
        "age_code": AGES[i % len(AGES)],
        "grade": GRADES[i % 3],
        "quantity": 1000 + i,
    }


def _export_rows(rows: int) -> Any:
    return (_export_row(i) for i in range(rows))


def run_export(rows: int) -> dict[str, Any]:
    from seedreg.core.web.exporting import xlsx
    from seedreg.nurseries.stock_ledger import EXPORT

    raw = run_baseline(rows)["seconds"]  # the library alone, back to back, in this process
    start = time.perf_counter()
    response = xlsx("存苗台账", EXPORT, _export_rows(rows), "stock.xlsx")
    seconds = time.perf_counter() - start
    raw = min(raw, run_baseline(rows)["seconds"])
    tracemalloc.start()
    xlsx("存苗台账", EXPORT, _export_rows(rows), "stock.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = len(response.content) if isinstance(response.content, bytes) else 0
    return {"rows": rows, "seconds": seconds, "peak_py": peak, "file_bytes": size,
            "raw_seconds": raw}  # fmt: skip


def run_paged(rows: int) -> dict[str, Any]:
    """A list page's export as the views make it: its service asked page by page (50 rows,
    as the lists' pages), each page written and dropped (``exporting.xlsx_paged``)."""
    from seedreg.core.web.exporting import xlsx_paged
    from seedreg.nurseries.stock_ledger import EXPORT

    async def fetch(page: int) -> tuple[list[dict[str, Any]], int]:
        first = (page - 1) * 50
        return [_export_row(i) for i in range(first, min(first + 50, rows))], rows

    async def export() -> Any:
        return await xlsx_paged("存苗台账", EXPORT, fetch, "stock.xlsx")

    start = time.perf_counter()
    response = asyncio.run(export())
    seconds = time.perf_counter() - start
    raw = run_baseline(rows)["seconds"]
    tracemalloc.start()
    asyncio.run(export())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = len(response.content) if isinstance(response.content, bytes) else 0
    return {"rows": rows, "seconds": seconds, "peak_py": peak, "file_bytes": size,
            "raw_seconds": raw}  # fmt: skip


def run_baseline(rows: int) -> dict[str, Any]:
    """The writer's own write_row on the same rows (constant memory), nothing of ours: what
    this machine does now (it is shared; figures move with its load), to read the export's
    rate against."""
    from rvgsrust_xlsxwriter import Workbook

    start = time.perf_counter()
    book = Workbook()
    sheet = book.add_worksheet("存苗台账", constant_memory=True)
    for i, row in enumerate(_export_rows(rows)):
        sheet.write_row(i, 0, list(row.values()))
    size = len(book.save_to_buffer())
    return {"rows": rows, "seconds": time.perf_counter() - start, "peak_py": 0,
            "file_bytes": size}  # fmt: skip


def run_xlsxwriter(rows: int) -> dict[str, Any]:
    """Python xlsxwriter alone (constant memory) on the same rows: the writer before."""
    import io

    start = time.perf_counter()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet()
    for i, row in enumerate(_export_rows(rows)):
        sheet.write_row(i, 0, list(row.values()))
    book.close()
    return {"rows": rows, "seconds": time.perf_counter() - start, "peak_py": 0,
            "file_bytes": len(out.getvalue())}  # fmt: skip


def run_read_baseline(rows: int) -> dict[str, Any]:
    """calamine alone on the same sheet (every row read as Python values, nothing of ours):
    the import's rate read against what the library itself does on this machine now."""
    import io

    from python_calamine import CalamineWorkbook

    content = stock_sheet(rows, bad_at=rows - 3)
    start = time.perf_counter()
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    count = sum(1 for _ in sheet.iter_rows()) - 1
    assert count == rows, count
    return {"rows": rows, "seconds": time.perf_counter() - start, "peak_py": 0,
            "file_bytes": len(content)}  # fmt: skip


def _case(kind: str, rows: int) -> None:
    cases = {"import": run_import, "export": run_export, "paged": run_paged,
             "baseline": run_baseline,
             "read": run_read_baseline, "xlsxwriter": run_xlsxwriter}  # fmt: skip
    result = cases[kind](rows)
    result["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--case", choices=["import", "export", "paged", "baseline", "read", "xlsxwriter"]
    )
    args = parser.parse_args()
    if args.case:
        _case(args.case, args.rows[0])
        return
    print("Excel ledgers (python-calamine read, rvgsrust-xlsxwriter constant-memory write)")
    print(f"  load average {os.getloadavg()[0]:.1f} at the start (the machine is shared)")
    cases = (("read", IMPORT_TARGET), ("import", IMPORT_TARGET), ("baseline", EXPORT_TARGET),
             ("export", EXPORT_TARGET), ("paged", EXPORT_TARGET),
             ("xlsxwriter", EXPORT_TARGET))  # fmt: skip
    for kind, target in cases:
        for rows in args.rows:
            out = subprocess.run(
                [sys.executable, "-m", "tests.benchmarks.bench_excel", "--case", kind,
                 "--rows", str(rows)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rate = r["rows"] / r["seconds"]
            verdict = "ok" if rate >= target else "BELOW TARGET"
            if kind in ("read", "baseline"):
                verdict = "the library alone"
            elif kind == "xlsxwriter":
                verdict = "Python xlsxwriter alone, the writer before"
            else:  # the library timed in the same process, just before and after
                verdict += f"; {r['seconds'] / r['raw_seconds']:.2f}x the library's own time"
            print(
                f"  {kind:8} {r['rows']:>7,} rows: {rate:>8,.0f} rows/s ({verdict}, target "
                f"{target:,}); {r['seconds']:.2f} s; file {r['file_bytes'] / 1e6:.1f} MB; "
                f"peak Python {r['peak_py'] / 1e6:.1f} MB; peak RSS {r['peak_rss'] / 1e6:.0f} MB"
            )
    print(f"  load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
