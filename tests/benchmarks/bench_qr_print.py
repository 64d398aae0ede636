"""Measurement: do label QR codes survive a label printer? Prints figures; not a test.

    python -m tests.benchmarks.bench_qr_print            # decode counts
    python -m tests.benchmarks.bench_qr_print --timing   # and per-label render times

Decode counts: the layout tests' labels (3 on each single layout, 11 on A4 8-up: 8 + 3) are
rendered 1-bit at 203 and 300 dpi by poppler (``pdftoppm -mono``) and Ghostscript (``pbmraw``)
and read by zxing-cpp and zbar (tests/pdfread.py), with the module size in printer dots at 203
dpi. Timing: in-process, 200 labels of different lots (one pass) and 200 labels of one lot (one
layered chunk), A4 8-up, best of three, milliseconds per label.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

from seedreg.core import qr
from seedreg.labels import signing
from seedreg.labels.content import LabelContent
from seedreg.printing import layouts
from seedreg.printing.geometry import LABEL_SIZES, LAYOUTS, module_mm
from seedreg.printing.samples import fake_contents
from tests.pdfread import DECODERS, PRINTER_DPIS, RENDERERS, printer_decodes

KEY = signing.generate_private_key()
LABELS = {"single_100x70": 3, "single_80x50": 3, "a4_8up": 11}


def module_dots(content: LabelContent, layout: str, dpi: int = 203) -> float:
    """The printed module in printer dots at ``dpi`` (for printers of the default setting)."""
    box = LABEL_SIZES[LAYOUTS[layout].label].qr_mm
    return module_mm(qr.qr_vector(content.qr_text).modules, box, 203) * dpi / 25.4


def decode_counts() -> None:
    contents = fake_contents(11, key=KEY)
    for layout, count in LABELS.items():
        chosen = contents[:count]
        pdf = layouts.render_labels(chosen, layout)
        per_page = LAYOUTS[layout].per_page
        expected = [
            [c.qr_text for c in chosen[i : i + per_page]] for i in range(0, count, per_page)
        ]
        dots = min(module_dots(c, layout) for c in chosen)
        cells = []
        for dpi in PRINTER_DPIS:
            for renderer in RENDERERS:
                for decoder in DECODERS:
                    found = printer_decodes(pdf, expected, renderer, dpi, decoder)
                    cells.append(f"{dpi} {renderer} {decoder} {found}/{count}")
        print(f"{layout} (module {dots:.2f} dots at 203 dpi): " + "; ".join(cells))


def timing() -> None:
    mixed = fake_contents(200, key=KEY, start=1000)
    face = mixed[0]
    one_lot = [
        dataclasses.replace(
            face, serial=c.serial, version=c.version, quantity=c.quantity, qr_text=c.qr_text
        )
        for c in mixed
    ]
    for name, contents in (("one pass, 200 lots", mixed), ("layered, one lot", one_lot)):
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            layouts.render_chunk(contents, "a4_8up", ("#ffffff", "#e3f3e0"))
            best = min(best, time.perf_counter() - start)
        print(f"{name}: {best * 1000 / len(contents):.2f} ms per label")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", action="store_true", help="also per-label render times")
    args = parser.parse_args()
    decode_counts()
    if args.timing:
        timing()


if __name__ == "__main__":
    main()
