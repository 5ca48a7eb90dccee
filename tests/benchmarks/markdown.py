#!/usr/bin/env python
"""Benchmark: Markdown rendering of worst-case inputs, uncached, one line per input and size.

Runs of `[` took Python-Markdown (the renderer before markdown-it-py) quadratic time; this shows
the time per size, so doubling the size should about double the time.

Usage: .venv/bin/python tests/benchmarks/markdown.py [SIZE ...]   (default: 10000 20000)
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

INPUTS = {"[": "[", "![": "![", "*a": "*a", "<": "<", "`": "`", "[a](": "[a]("}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilisering.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    import django

    django.setup()
    from mobilisering.markdown import render_markdown

    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 20_000]
    render = getattr(sys.modules["mobilisering.markdown"], "_render", render_markdown)
    for unit, name in INPUTS.items():
        for size in sizes:
            text = unit * (size // len(unit))
            started = time.perf_counter()
            render(text)
            print(f"{name!r:8} × {size:>6} characters: {time.perf_counter() - started:7.3f} s")


if __name__ == "__main__":
    main()
