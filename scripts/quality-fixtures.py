#!/usr/bin/env python3
"""Writes test/fixtures/quality/: two small data files and the statistics pandas computes for them,
so that amlops' quality profile is checked against an independent implementation.

Regenerate with Debian's Python (it has pandas and numpy):
    /usr/bin/python3 scripts/quality-fixtures.py
"""
import json
import os

import numpy as np
import pandas as pd

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'quality')


def make(seed, rows, shift):
    rng = np.random.default_rng(seed)
    income = np.round(rng.lognormal(7 + shift, 1.2, rows), 2)
    outcome = np.round(income * rng.uniform(0.5, 1.5 + shift, rows), 2)
    risk = rng.choice(['LOW', 'MEDIUM', 'HIGH'], rows, p=[0.6 - shift / 4, 0.3, 0.1 + shift / 4]).astype(object)
    if shift > 0:
        risk[rng.random(rows) < 0.02] = 'CRITICAL'
    conclusion = np.where(rng.random(rows) < 0.05 + shift / 10, 'CLOSED_WITH_ROI', 'CLOSED_NO_ROI').astype(object)
    income[rng.random(rows) < 0.03] = np.nan
    outcome[rng.random(rows) < 0.01] = 0
    risk[rng.random(rows) < 0.04] = None
    frame = pd.DataFrame({
        'case_id': [f'C{seed}{i:05d}' for i in range(rows)],
        'channel': rng.choice(['web', 'app', 'branch'], rows),
        'total_income_dollar_amount': income,
        'total_outcome_dollar_amount': outcome,
        'risk_pld': risk,
        'conclusion': conclusion,
        'constant': ['x'] * rows,
    })
    frame['channel_copy'] = frame['channel']
    # Exact repeats of earlier rows, ids included.
    repeats = frame.iloc[rng.choice(rows // 2, rows // 50, replace=False)]
    return pd.concat([frame, repeats], ignore_index=True)


def stats(frame):
    columns = {}
    for name in frame.columns:
        series = frame[name]
        present = series.dropna()
        counts = present.value_counts()
        column = {
            'count': int(present.shape[0]),
            'missing': int(series.isna().sum()),
            'unique': int(series.nunique()),
            'mostCommonCount': int(counts.iloc[0]) if len(counts) else None,
        }
        if pd.api.types.is_numeric_dtype(series):
            d = present.describe()
            column.update({
                'mean': float(d['mean']), 'std': float(d['std']), 'min': float(d['min']),
                'p25': float(d['25%']), 'p50': float(d['50%']), 'p75': float(d['75%']), 'max': float(d['max']),
                'zeros': int((present == 0).sum()), 'negatives': int((present < 0).sum()),
            })
        elif len(counts) <= 50:
            column['categories'] = {str(k): int(v) for k, v in counts.items()}
        columns[name] = column
    return {
        'rows': int(frame.shape[0]),
        'missingValues': int(frame.isna().sum().sum()),
        'rowsWithMissing': int(frame.isna().any(axis=1).sum()),
        'duplicatedRows': int(frame.duplicated().sum()),
        'positives': int((frame['conclusion'] != 'CLOSED_NO_ROI').sum()),
        'columns': columns,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    reference = make(1, 3000, 0.0)
    current = make(2, 2000, 0.6)
    reference.to_csv(os.path.join(OUT, 'reference.csv'), index=False)
    current.to_csv(os.path.join(OUT, 'current.csv'), index=False)
    # Read back as a user's file would be, so that both sides see the same cells.
    expected = {
        'reference': stats(pd.read_csv(os.path.join(OUT, 'reference.csv'))),
        'current': stats(pd.read_csv(os.path.join(OUT, 'current.csv'))),
    }
    with open(os.path.join(OUT, 'pandas-stats.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
