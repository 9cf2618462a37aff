#!/usr/bin/env python3
"""Writes test/fixtures/drift/drift-fixtures.json: samples and what SciPy and numpy compute on them
for each drift statistic of amlops' quality reports (Evidently's default tests, PSI), so that
src/core/quality/drift is checked against an independent implementation.

Regenerate with Debian's Python (numpy, scipy): /usr/bin/python3 scripts/drift-fixtures.py
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'drift', 'drift-fixtures.json')
rng = np.random.default_rng(20261204)


def money(size, mean=6.0, sigma=1.0, scale=1.0):
    return np.round(rng.lognormal(mean, sigma, size) * scale, 2)


def normal(size, loc=0.0, sd=1.0, digits=3):
    return np.round(rng.normal(loc, sd, size), digits)


def ks_cases():
    pairs = [
        ('tiny equal sizes', normal(5), normal(5, 1)),
        ('tiny unequal sizes', normal(3), normal(7, 0.5)),
        ('small identical', np.array([1.0, 2, 3, 4]), np.array([1.0, 2, 3, 4])),
        ('small disjoint', np.array([1.0, 2, 3]), np.array([4.0, 5, 6])),
        ('ties', np.round(rng.integers(0, 6, 30).astype(float)), np.round(rng.integers(1, 7, 25).astype(float))),
        ('30 vs 30 shifted', normal(30), normal(30, 0.8)),
        ('100 vs 150 same', normal(100), normal(150)),
        ('200 vs 200 same', normal(200), normal(200)),
        ('money 1000 vs 5000 shifted', money(1000), money(5000, 6.1)),
        ('money 1000 vs 3000 same', money(1000), money(3000)),
        ('300 vs 10000 same', normal(300, digits=2), normal(10000, digits=2)),
        ('400 vs 10500 asymptotic', normal(400, digits=2), normal(10500, 0.1, digits=2)),
    ]
    out = []
    for name, u, v in pairs:
        r = stats.ks_2samp(u, v)
        out.append({'name': name, 'u': u.tolist(), 'v': v.tolist(), 'statistic': float(r.statistic), 'pValue': float(r.pvalue)})
    return out


def kstwo_cases():
    out = []
    for n in [1, 2, 5, 10, 30, 100, 140, 141, 300, 999, 5000, 40000]:
        for x in [0.001, 0.01, 0.03, 0.05, 0.08, 0.1, 0.2, 0.3, 0.45, 0.5, 0.7, 0.95]:
            out.append({'n': n, 'x': x, 'sf': float(stats.kstwo.sf(x, n))})
    return out


def counts_of(values):
    keys, counts = np.unique(values, return_counts=True)
    return {str(k): int(c) for k, c in zip(keys, counts)}


def evidently_shares(ref, cur):
    keys = sorted(set(ref) | set(cur))
    r = np.array([ref.get(k, 0) for k in keys], dtype=float)
    c = np.array([cur.get(k, 0) for k in keys], dtype=float)
    return keys, r, c


def categorical_cases():
    levels = np.array(['LOW', 'MEDIUM', 'HIGH'])
    samples = [
        ('risk levels same', rng.choice(levels, 800, p=[0.6, 0.3, 0.1]), rng.choice(levels, 500, p=[0.6, 0.3, 0.1])),
        ('risk levels shifted', rng.choice(levels, 800, p=[0.6, 0.3, 0.1]), rng.choice(levels, 700, p=[0.4, 0.3, 0.3])),
        ('new category', rng.choice(levels, 900), np.concatenate([rng.choice(levels, 600), ['CRITICAL'] * 12])),
        ('missing category', rng.choice(levels, 400), rng.choice(levels[:2], 300)),
        ('binary same', rng.choice(['0', '1'], 600, p=[0.9, 0.1]), rng.choice(['0', '1'], 900, p=[0.9, 0.1])),
        ('binary shifted', rng.choice(['0', '1'], 600, p=[0.9, 0.1]), rng.choice(['0', '1'], 900, p=[0.8, 0.2])),
        ('one value both', np.array(['A'] * 50), np.array(['A'] * 70)),
        ('large risk levels', rng.choice(levels, 200000, p=[0.6, 0.3, 0.1]), rng.choice(levels, 150000, p=[0.55, 0.3, 0.15])),
    ]
    out = []
    for name, ref_values, cur_values in samples:
        ref = counts_of(ref_values)
        cur = counts_of(cur_values)
        keys, r, c = evidently_shares(ref, cur)
        n_ref, n_cur = r.sum(), c.sum()
        entry = {'name': name, 'reference': ref, 'current': cur}
        # Evidently's chi-square: observed current counts against reference shares scaled to current.
        with np.errstate(divide='ignore', invalid='ignore'):
            if len(keys) > 1:
                entry['chiSquare'] = float(stats.chisquare(c, r * n_cur / n_ref)[1])
        # Evidently's z-test on the share of all values but one.
        if len(keys) <= 2:
            if len(keys) == 1:
                entry['zTest'] = 1.0
            else:
                p1 = 1 - r[0] / n_ref
                p2 = 1 - c[0] / n_cur
                pooled = (p1 * n_ref + p2 * n_cur) / (n_ref + n_cur)
                z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n_ref + 1 / n_cur))
                entry['zTest'] = float(2 * (1 - stats.norm.cdf(abs(z))))
        entry['jensenShannon'] = float(distance.jensenshannon(r / n_ref, c / n_cur))
        rr = np.maximum(r / n_ref, 0.0001)
        cc = np.maximum(c / n_cur, 0.0001)
        entry['psi'] = float(np.sum((cc - rr) * np.log(cc / rr)))
        out.append(entry)
    return out


def numeric_cases():
    samples = [
        ('money same', money(1500), money(1000)),
        ('money shifted', money(1500), money(1200, 6.3)),
        ('money scaled', money(1200), money(1000, scale=1.5)),
        ('normal tiny shift', normal(2000, digits=2), normal(2000, 0.02, digits=2)),
        ('constant reference', np.array([5.0] * 1100), normal(800, 5)),
        ('few values', rng.integers(0, 4, 1500).astype(float), rng.integers(0, 5, 1000).astype(float)),
    ]
    out = []
    for name, u, v in samples:
        entry = {'name': name, 'u': u.tolist(), 'v': v.tolist()}
        entry['wasserstein'] = float(stats.wasserstein_distance(u, v))
        entry['normedWasserstein'] = float(stats.wasserstein_distance(u, v) / max(np.std(u), 0.001))
        cuts = np.unique(np.quantile(u, np.linspace(0.1, 0.9, 9)))
        edges = np.concatenate([[-np.inf], cuts, [np.inf]])
        rs = np.maximum(np.histogram(u, edges)[0] / len(u), 0.0001)
        cs = np.maximum(np.histogram(v, edges)[0] / len(v), 0.0001)
        entry['psi'] = float(np.sum((cs - rs) * np.log(cs / rs)))
        entry['distinct'] = int(len(np.unique(np.concatenate([u, v]))))
        out.append(entry)
    return out


def main():
    fixtures = {
        'scipy': __import__('scipy').__version__,
        'numpy': np.__version__,
        'ks': ks_cases(),
        'kstwo': kstwo_cases(),
        'categorical': categorical_cases(),
        'numeric': numeric_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(fixtures, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
