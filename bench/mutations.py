"""Measure closest-name matching on names mutated the way models get them wrong.

Takes valid module names, class names and keyword arguments from the shipped
provider index, mutates each (typo, dropped or extra `A` suffix, camelCase,
plural, word case), and looks the name up with `cdktf_fix.matching.closest` among the
real candidates. Prints, per kind of mutation, the share restored, the share
reported (no answer), and the share answered wrongly. Run:

    .venv/bin/python bench/mutations.py [--per-kind 400] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from collections.abc import Callable

from cdktf_fix.index import load_index
from cdktf_fix.matching import closest


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def typo(name: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(name))
    letters = "abcdefghijklmnopqrstuvwxyz"
    action = rng.choice(("swap", "drop", "double", "replace"))
    if action == "swap" and position < len(name) - 1:
        return name[:position] + name[position + 1] + name[position] + name[position + 2 :]
    if action == "drop":
        return name[:position] + name[position + 1 :]
    if action == "double":
        return name[:position] + name[position] + name[position:]
    return name[:position] + rng.choice(letters) + name[position + 1 :]


def plural(name: str) -> str:
    return name[:-1] if name.endswith("s") else name + "s"


MUTATIONS: dict[str, dict[str, Callable[[str, random.Random], str]]] = {
    "keyword": {
        "typo": typo,
        "camelCase": lambda n, r: camel(n),
        "plural": lambda n, r: plural(n),
        "extra s on verb": lambda n, r: re.sub(r"^([a-z]+)_", r"\1s_", n, count=1),
    },
    "class": {
        "typo": typo,
        "lower words": lambda n, r: n.capitalize(),
        "plural": lambda n, r: plural(n),
        "extra A": lambda n, r: n + "A",
    },
    "module": {
        "typo": typo,
        "no underscores": lambda n, r: n.replace("_", ""),
        "plural": lambda n, r: plural(n),
    },
}


def samples(kind: str, rng: random.Random, count: int) -> list[tuple[str, list[str]]]:
    index = load_index()
    modules = sorted(index.modules())
    pairs: list[tuple[str, list[str]]] = []
    while len(pairs) < count:
        module = rng.choice(modules)
        if kind == "module":
            pairs.append((module, modules))
            continue
        classes = sorted(index.exports(module))
        if kind == "class":
            pairs.append((rng.choice(classes), classes))
            continue
        resources = [c for c in classes if (i := index.class_info(c)) and i.kind == "resource"]
        if not resources:
            continue
        fields = sorted(index.fields(rng.choice(resources)) or {})
        if fields:
            pairs.append((rng.choice(fields), fields))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)

    total = Counter()
    started = time.perf_counter()
    print(f"{'name':8} {'mutation':16} {'cases':>6} {'fixed':>7} {'reported':>9} {'wrong':>6}")
    for kind, mutations in MUTATIONS.items():
        for label, mutate in mutations.items():
            counts = Counter()
            for original, candidates in samples(kind, rng, arguments.per_kind):
                wrong_name = mutate(original, rng)
                if wrong_name == original or wrong_name in candidates:
                    continue
                answer = closest(wrong_name, candidates)
                if answer is None:
                    outcome = "reported"
                elif answer == original:
                    outcome = "fixed"
                else:
                    outcome = "wrong"
                counts[outcome] += 1
                counts["cases"] += 1

            total.update(counts)
            cases = max(counts["cases"], 1)
            print(
                f"{kind:8} {label:16} {counts['cases']:6d} {counts['fixed'] / cases:7.1%}"
                f" {counts['reported'] / cases:9.1%} {counts['wrong'] / cases:6.1%}"
            )

    cases = max(total["cases"], 1)
    print(
        f"{'all':25} {total['cases']:6d} {total['fixed'] / cases:7.1%}"
        f" {total['reported'] / cases:9.1%} {total['wrong'] / cases:6.1%}"
    )
    print(f"elapsed {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
