"""Closest-name matching that prefers reporting to guessing.

A candidate is taken only when it is unambiguous: the same name up to case and
underscores, or clearly nearer than every other candidate by edit distance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

SERVICE_ALIASES = (
    # The Terraform AWS provider names a few services differently from AWS.
    ("applicationautoscaling", "appautoscaling"),
    ("elasticloadbalancingv2", "lb"),
    ("cloudwatchlogs", "cloudwatchlog"),
)

MAX_RELATIVE_DISTANCE = 0.25
"""Largest edit distance accepted, as a share of the longer name's length."""

MIN_MARGIN = 2
"""How much nearer the best candidate must be than the runner-up."""


def normalize(name: str) -> str:
    """Fold case and drop underscores, so `AppAutoScaling` meets `appautoscaling`."""
    folded = name.replace("_", "").lower()
    for alias, real in SERVICE_ALIASES:
        folded = folded.replace(alias, real)
    return folded


def singular(folded: str) -> str:
    return re.sub(r"(?<=[a-z])s$", "", folded)


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """Return the one candidate that `name` most likely meant, or None."""
    pool = list(candidates)
    target = normalize(name)
    same = [c for c in pool if normalize(c) == target]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        return None

    plural = [c for c in pool if singular(normalize(c)) == singular(target)]
    if len(plural) == 1:
        return plural[0]

    if len(name) >= 4 and name.islower():
        # A field named by its last word (`days` for `noncurrent_days`).
        ending = [c for c in pool if c.endswith("_" + name)]
        if len(ending) == 1:
            return ending[0]

    if "_" in name:
        words = sorted(name.lower().split("_"))
        reordered = [c for c in pool if sorted(c.lower().split("_")) == words]
        if len(reordered) == 1:
            return reordered[0]

    scored = sorted(
        (Levenshtein.distance(target, normalize(c)), c) for c in pool
    )
    if not scored:
        return None

    best_distance, best = scored[0]
    limit = MAX_RELATIVE_DISTANCE * max(len(target), len(normalize(best)))
    if best_distance > limit:
        return None
    if len(scored) > 1 and scored[1][0] - best_distance < MIN_MARGIN:
        return None
    return best
