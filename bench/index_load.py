"""Measure the shipped provider index: size on disk and load time in a fresh process.

Usage: python bench/index_load.py [--runs N] [--index PATH]

Each run starts a new interpreter and times, with time.perf_counter, the import
of `cdktf_fix.index`, `load_index()`, the first `class_info()` (which builds the
name-to-module table) and the first `fields()` of a resource. The report gives
the median and the maximum over the runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Code that each child interpreter runs. It prints one JSON object of timings.
_PROBE = """
import json, sys, time
start = time.perf_counter()
import cdktf_fix.index as index_module
imported = time.perf_counter()
index = index_module.load_index({path!r})
loaded = time.perf_counter()
index.class_info("S3BucketVersioningA")
first_class = time.perf_counter()
index.fields("RdsCluster")
first_fields = time.perf_counter()
heavy = sorted(m for m in ("libcst", "jsii", "cdktf", "cdktf_cdktf_provider_aws")
               if m in sys.modules)
print(json.dumps({{
    "import": (imported - start) * 1000,
    "load_index": (loaded - imported) * 1000,
    "first class_info": (first_class - loaded) * 1000,
    "first fields": (first_fields - first_class) * 1000,
    "heavy modules": heavy,
}}))
"""


def probe(index_path: Path | None) -> dict[str, object]:
    code = _PROBE.format(path=str(index_path) if index_path else None)
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh processes to time")
    parser.add_argument(
        "--index", type=Path, help="index file to measure (default: the shipped one)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from cdktf_fix.index import SHIPPED_INDEX

    path = args.index or SHIPPED_INDEX
    compressed = path.stat().st_size
    uncompressed = len(gzip.decompress(path.read_bytes()))
    print(f"index: {path}")
    print(f"size on disk: {compressed:,} bytes ({compressed / 2**20:.2f} MiB)")
    print(f"uncompressed JSON: {uncompressed:,} bytes ({uncompressed / 2**20:.2f} MiB)")

    runs = [probe(args.index) for _ in range(args.runs)]
    print(f"fresh-process timings over {args.runs} runs (ms): median / max")
    for step in ("import", "load_index", "first class_info", "first fields"):
        values = [float(run[step]) for run in runs]
        print(f"  {step:<17} {statistics.median(values):7.1f} / {max(values):7.1f}")
    heavy = sorted({name for run in runs for name in run["heavy modules"]})
    print(f"heavy modules imported: {', '.join(heavy) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
