#!/usr/bin/env python3
"""The reference side of `npm run bench:quality`: pandas + SciPy computing what Evidently's
DataQualityPreset and DataDriftPreset compute with their defaults, on two CSV files, timing the
reading and the computing apart. Prints one JSON line: {"read_s", "compute_s", "columns", ...}.

Run with Debian's Python (pandas, numpy, scipy): /usr/bin/python3 reference_quality.py REF.csv CUR.csv
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

NUMERIC = ['total_income_dollar_amount', 'total_outcome_dollar_amount']
CATEGORICAL = ['risk_pld']
TARGET = 'conclusion'


def column_stats(series, numeric):
    present = series.dropna()
    counts = present.value_counts()
    out = {
        'count': int(present.shape[0]),
        'missing': int(series.isna().sum()),
        'unique': int(series.nunique()),
        'most_common': str(counts.index[0]) if len(counts) else None,
    }
    if numeric:
        d = present.describe()
        out.update({k: float(d[k]) for k in ['mean', 'std', 'min', '25%', '50%', '75%', 'max']})
        out['infinite'] = int(np.isinf(present).sum())
        out['zeros'] = int((present == 0).sum())
        out['negatives'] = int((present < 0).sum())
    elif len(counts) <= 1000:
        out['categories'] = {str(k): int(v) for k, v in counts.items()}
    return out


def dataset_stats(frame):
    missing = frame.isna()
    almost = [c for c in frame.columns if frame[c].value_counts(dropna=False, normalize=True).max() >= 0.95]
    constant = [c for c in frame.columns if frame[c].nunique(dropna=False) <= 1]
    duplicated_columns = [
        (a, b) for i, a in enumerate(frame.columns) for b in frame.columns[i + 1:] if frame[a].equals(frame[b])
    ]
    return {
        'rows': int(frame.shape[0]),
        'missing_values': int(missing.values.sum()),
        'rows_with_missing': int(missing.any(axis=1).sum()),
        'empty_rows': int(missing.all(axis=1).sum()),
        'duplicated_rows': int(frame.duplicated().sum()),
        'duplicated_columns': duplicated_columns,
        'constant_columns': constant,
        'almost_constant_columns': almost,
    }


def binned(reference, current):
    """Evidently's get_binned_data, value counts branch (categorical or few values)."""
    keys = sorted(set(reference.unique()) | set(current.unique()), key=str)
    ref = reference.value_counts()
    cur = current.value_counts()
    ref_shares = np.array([ref.get(k, 0) / len(reference) for k in keys])
    cur_shares = np.array([cur.get(k, 0) / len(current) for k in keys])
    return ref_shares, cur_shares


def psi(ref_shares, cur_shares):
    r = np.maximum(ref_shares, 0.0001)
    c = np.maximum(cur_shares, 0.0001)
    return float(np.sum((c - r) * np.log(c / r)))


def drift(reference, current, numeric):
    reference = reference.replace([np.inf, -np.inf], np.nan).dropna()
    current = current.replace([np.inf, -np.inf], np.nan).dropna()
    n_values = pd.concat([reference, current]).nunique()
    if numeric and n_values > 5:
        if len(reference) <= 1000:
            test, score = 'ks', float(stats.ks_2samp(reference, current)[1])
        else:
            norm = max(np.std(reference), 0.001)
            test, score = 'wasserstein', float(stats.wasserstein_distance(reference, current) / norm)
        cuts = np.unique(np.quantile(reference, np.linspace(0.1, 0.9, 9)))
        edges = np.concatenate([[-np.inf], cuts, [np.inf]])
        ref_shares = np.histogram(reference, edges)[0] / len(reference)
        cur_shares = np.histogram(current, edges)[0] / len(current)
    else:
        ref_shares, cur_shares = binned(reference, current)
        if len(reference) <= 1000:
            test = 'chisquare'
            score = float(stats.chisquare(cur_shares * len(current), ref_shares * len(current))[1])
        else:
            test, score = 'jensenshannon', float(distance.jensenshannon(ref_shares, cur_shares))
    return {'test': test, 'score': score, 'psi': psi(ref_shares, cur_shares)}


def main():
    reference_path, current_path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    reference = pd.read_csv(reference_path)
    current = pd.read_csv(current_path)
    t1 = time.perf_counter()
    report = {'dataset': {'reference': dataset_stats(reference), 'current': dataset_stats(current)}, 'columns': {}}
    for name in reference.columns:
        numeric = name in NUMERIC
        entry = {
            'reference': column_stats(reference[name], numeric),
            'current': column_stats(current[name], numeric),
        }
        if name in NUMERIC or name in CATEGORICAL or name == TARGET:
            entry['drift'] = drift(reference[name], current[name], numeric)
        report['columns'][name] = entry
    t2 = time.perf_counter()
    print(json.dumps({'read_s': t1 - t0, 'compute_s': t2 - t1, 'rows': [len(reference), len(current)],
                      'drift': {k: v.get('drift') for k, v in report['columns'].items()}}))


if __name__ == '__main__':
    main()
