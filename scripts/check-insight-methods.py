#!/usr/bin/env python3
"""Checks insight's statistics against others' implementations: Wilson score intervals against statsmodels'
`proportion_confint(method="wilson")`, exact Poisson intervals (below 10 events) against scipy's chi-squared
quantiles, Byar's intervals (10 events or more) against the published formula with scipy's normal quantile, and
the slope and relative indexes of inequality against numpy's weighted least squares on the cumulative population
midpoints (PHEindicatormethods `phe_sii`). The same random cases (seeded) go to `alongside insight methods`.

  python3 scripts/check-insight-methods.py --binary .build/debug/alongside [--cases 400] [--seed 11]

Exits non-zero, naming the case, on any difference beyond 1e-9 relative (1e-6 for the exact Poisson roots).
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

Z = stats.norm.ppf(0.975)


def cases(count, seed):
    rng = random.Random(seed)
    out = [{"wilson": [65, 100]}, {"wilson": [0, 10]}, {"wilson": [10, 10]}, {"count": 0}, {"count": 9}, {"count": 10}]
    for _ in range(count):
        kind = rng.choice(["wilson", "count", "sii"])
        if kind == "wilson":
            total = rng.choice([rng.randint(1, 30), rng.randint(1, 5000)])
            out.append({"wilson": [rng.randint(0, total), total]})
        elif kind == "count":
            out.append({"count": rng.choice([rng.randint(0, 12), rng.randint(0, 100000)])})
        else:
            groups = rng.choice([5, 10])
            out.append({"sii": {"values": [round(rng.uniform(0, 200), 3) for _ in range(groups)],
                                "populations": [rng.randint(50, 20000) for _ in range(groups)]}})
    return out


def expected(case):
    if "wilson" in case:
        events, total = case["wilson"]
        lower, upper = proportion_confint(events, total, alpha=0.05, method="wilson")
        return {"lower": lower, "upper": upper}, 1e-9
    if "count" in case:
        x = case["count"]
        if x < 10:
            lower = 0.0 if x == 0 else stats.chi2.ppf(0.025, 2 * x) / 2
            return {"lower": lower, "upper": stats.chi2.ppf(0.975, 2 * x + 2) / 2}, 1e-6
        above = x + 1
        return {"lower": x * (1 - 1 / (9 * x) - Z / (3 * np.sqrt(x))) ** 3,
                "upper": above * (1 - 1 / (9 * above) + Z / (3 * np.sqrt(above))) ** 3}, 1e-9
    values = np.array(case["sii"]["values"], dtype=float)
    populations = np.array(case["sii"]["populations"], dtype=float)
    shares = populations / populations.sum()
    midpoints = np.cumsum(shares) - shares / 2
    slope, intercept = np.polyfit(midpoints, values, 1, w=np.sqrt(shares))
    return {"sii": slope, "rii": (intercept + slope) / intercept, "intercept": intercept}, 1e-9


def close(a, b, tolerance):
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    chosen = cases(args.cases, args.seed)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(json.dumps(c) for c in chosen) + "\n")
    run = subprocess.run([args.binary, "insight", "methods", f.name], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"alongside insight methods failed: {run.stderr or run.stdout}")
    answers = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    if len(answers) != len(chosen):
        sys.exit(f"{len(chosen)} cases sent, {len(answers)} answers")
    failures, kinds = [], {"wilson": 0, "count": 0, "sii": 0}
    for case, answer in zip(chosen, answers):
        kind = next(iter(case))
        kinds[kind] += 1
        if "refused" in answer:
            failures.append(f"{case}: refused ({answer['refused']})")
            continue
        want, tolerance = expected(case)
        for key, value in want.items():
            if not close(answer[key], float(value), tolerance):
                failures.append(f"{case}: {key} {answer[key]!r}, expected {float(value)!r}")
    for failure in failures[:20]:
        print("  ✘ " + failure)
    print(f"Insight's statistics against statsmodels, scipy and numpy: {len(chosen) - len(failures)} of {len(chosen)} cases agree "
          f"({kinds['wilson']} Wilson intervals, {kinds['count']} count intervals, {kinds['sii']} SII/RII)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
