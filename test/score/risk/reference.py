#!/usr/bin/python3
"""An independent NumPy reference of caution's per-provider risk model (docs/risk-model.md), for one case:
SLA uptime by minutes, credit tiers with a cap, AI-agent outages excluded or counted.

Reads the model as JSON on stdin, prints the mean, P95 and their standard errors of the annual loss, credits and
uncovered loss as JSON. Its own random numbers (NumPy's PCG64): it agrees with caution within sampling error, not
to the digit. Written from the model's description, not from caution's TypeScript.

Input: {"iterations", "seed", "months": [minutes of each month], "record": {"shape", "rate", "mu", "sigma"},
"ai": {"shape", "rate", "mu", "sigma"}, "aiExcluded": bool, "tiers": [[below, atLeast, percent]...], "cap",
"monthlySpend", "eligibleShare", "costPerHour", "outageShare"}
"""
import json
import sys
import time

import numpy as np


def cents(x):
    # Half away from zero, as caution's roundTo.
    return float(np.sign(x) * np.floor(abs(x) * 100 + 0.5) / 100)


def draw(rng, n, proc):
    """Outage counts per year (Gamma-Poisson), then starts and lognormal durations in whole minutes."""
    if proc["shape"] <= 0:
        return np.zeros(n, dtype=np.int64), np.zeros(0), np.zeros(0)
    lam = rng.gamma(proc["shape"], 1 / proc["rate"], size=n)
    counts = rng.poisson(lam)
    total = int(counts.sum())
    dur = np.rint(np.exp(proc["mu"] + proc["sigma"] * rng.standard_normal(total)))
    dur = np.clip(dur, 1, 31 * 24 * 60)
    return counts, rng.random(total), dur


def union_minutes(intervals):
    total = 0
    end = -1
    for a, b in sorted(intervals):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def settle(m):
    n = m["iterations"]
    rng = np.random.default_rng(m["seed"])
    months = np.array(m["months"], dtype=np.float64)
    edges = np.concatenate([[0], np.cumsum(months)])
    year = edges[-1]
    t0 = time.perf_counter()
    rc, rs, rd = draw(rng, n, m["record"])
    ac, as_, ad = draw(rng, n, m["ai"])
    rs = np.floor(rs * year)
    as_ = np.floor(as_ * year)
    loss = np.zeros(n)
    credits = np.zeros(n)
    uncovered = np.zeros(n)
    ri = np.concatenate([[0], np.cumsum(rc)])
    ai = np.concatenate([[0], np.cumsum(ac)])
    tiers = m["tiers"]
    eligible = m["monthlySpend"] * m["eligibleShare"]
    for y in range(n):
        spans = []  # (start, end, counted)
        for s, d in zip(rs[ri[y]:ri[y + 1]], rd[ri[y]:ri[y + 1]]):
            spans += wrap(s, d, year, True)
        for s, d in zip(as_[ai[y]:ai[y + 1]], ad[ai[y]:ai[y + 1]]):
            spans += wrap(s, d, year, not m["aiExcluded"])
        if not spans:
            continue
        for k in range(len(months)):
            lo, hi = edges[k], edges[k + 1]
            clipped = [(max(a, lo), min(b, hi), c) for a, b, c in spans if a < hi and b > lo]
            if not clipped:
                continue
            down = union_minutes([(a, b) for a, b, _ in clipped])
            counted = union_minutes([(a, b) for a, b, c in clipped if c])
            uptime = round((1 - counted / months[k]) * 100, 9)
            pct = 0
            for below, at_least, percent in tiers:
                if at_least <= uptime < below:
                    pct = min(percent, m["cap"])
                    break
            credit = cents(pct / 100 * eligible)
            month_loss = cents(down / 60 * m["costPerHour"] * m["outageShare"])
            loss[y] += month_loss
            credits[y] += credit
            uncovered[y] += cents(max(0.0, month_loss - credit))
    elapsed = time.perf_counter() - t0
    return {"loss": summary(loss), "credits": summary(credits), "uncovered": summary(uncovered), "seconds": elapsed}


def wrap(s, d, year, counted):
    e = s + d
    if e <= year:
        return [(s, e, counted)]
    return [(s, year, counted), (0.0, e - year, counted)]


def summary(x):
    n = len(x)
    xs = np.sort(x)
    spread = np.sqrt(n * 0.95 * 0.05)
    lo = max(0, int(np.floor(n * 0.95 - spread)))
    hi = min(n - 1, int(np.ceil(n * 0.95 + spread)))
    return {
        "mean": float(x.mean()),
        "meanSe": float(x.std(ddof=1) / np.sqrt(n)),
        "p95": float(np.quantile(x, 0.95)),
        "p95Se": float((xs[hi] - xs[lo]) / 2),
    }


if __name__ == "__main__":
    json.dump(settle(json.load(sys.stdin)), sys.stdout)
    sys.stdout.write("\n")
