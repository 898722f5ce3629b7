"""Time cdktf-fix on a corpus of stacks against the libcst floor and bowler.

The corpus is the shipped samples, repeated until it contains `--files` stacks
(each copy with a comment of its own, so no two files are identical).
Prints CPU seconds for: libcst parse + codegen only (the floor of any libcst
tool), `check`, `fix`, bowler renaming one class over the same files, and one
huge file of `--huge-lines` lines. Ratios are against the floor. Run:

    .venv/bin/python bench/engine_speed.py [--files 200] [--huge-lines 50000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import warnings
from pathlib import Path

import libcst as cst

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def corpus(folder: Path, count: int) -> list[Path]:
    sources = sorted(SAMPLES.glob("kinds/*.py")) + sorted(SAMPLES.glob("kinds/fixed/*.py"))
    sources.append(SAMPLES / "fintech_stack.py")
    paths = []
    for number in range(count):
        source = sources[number % len(sources)].read_text()
        path = folder / f"stack_{number:04d}.py"
        path.write_text(f"{source}# copy {number}\n")
        paths.append(path)
    return paths


def cpu(action) -> float:
    started = time.process_time()
    action()
    return time.process_time() - started


def huge_stack(lines: int) -> str:
    head = (SAMPLES / "kinds" / "cdktf004_unknown_keyword.py").read_text()
    filler = "        x_{n} = S3Bucket(self, \"b{n}\", bucket=\"b{n}\", force_destroy=True)\n"
    body = "".join(filler.format(n=n) for n in range(lines))
    return head.replace("        super().__init__(scope, id)\n", "        super().__init__(scope, id)\n" + body, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--huge-lines", type=int, default=50_000)
    arguments = parser.parse_args()
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    folder = Path(tempfile.mkdtemp(prefix="cdktf-fix-bench-"))
    try:
        paths = corpus(folder, arguments.files)
        lines = sum(p.read_text().count("\n") for p in paths)
        floor = cpu(lambda: [cst.parse_module(p.read_text()).code for p in paths])
        check = cpu(lambda: [engine.check_path(p) for p in paths])
        fix = cpu(lambda: [engine.fix_path(p) for p in paths])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from bowler import Query

            query = Query([str(p) for p in paths]).select_class("S3BucketVersioning")
            started = time.perf_counter()
            query.rename("S3BucketVersioningA").execute(write=False, interactive=False, silent=True)
            bowler_wall = time.perf_counter() - started
        print(f"corpus: {len(paths)} files, {lines} lines")
        print(f"{'what':34} {'CPU s':>8} {'x floor':>8}")
        for label, seconds in (
            ("libcst parse + codegen (floor)", floor),
            ("cdktf-fix check", check),
            ("cdktf-fix fix --unsafe-fixes", fix),
        ):
            print(f"{label:34} {seconds:8.2f} {seconds / floor:8.2f}")
        print(f"{'bowler one class rename (wall s)':34} {bowler_wall:8.2f} {bowler_wall / floor:8.2f}")
        huge = folder / "huge.py"
        huge.write_text(huge_stack(arguments.huge_lines))
        started = time.perf_counter()
        result = engine.fix_path(huge)
        print(
            f"huge file: {huge.read_text().count(chr(10))} lines, fix in "
            f"{time.perf_counter() - started:.1f} s wall, {len(result.findings)} finding(s)"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
