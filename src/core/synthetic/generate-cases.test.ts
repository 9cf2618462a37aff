import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn, TextColumn } from '../frame/column.js';
import { generateCases } from './generate-cases.js';

const numeric = (f: ReturnType<typeof generateCases>, name: string) => f.frame.get(name) as NumericColumn;
const categorical = (f: ReturnType<typeof generateCases>, name: string) =>
  f.frame.get(name) as CategoricalColumn;
const text = (f: ReturnType<typeof generateCases>, name: string) => f.frame.get(name) as TextColumn;

/** ROC AUC by the rank-sum (Mann-Whitney U) formula with mid-ranks: independent of rocAuc's merge. */
function rankSumAuc(scores: Float64Array, labels: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  labels.forEach((label, i) => {
    if (label === 1) {
      positives++;
      rankSum += ranks[i]!;
    }
  });
  const negatives = labels.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Whether two arrays hold the same values (NaN equal to NaN), without a slow deep comparison. */
function same(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const median = (values: Float64Array) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  return sorted[sorted.length >> 1]!;
};

describe('generateCases', () => {
  const base = generateCases({ rows: 50_000, seed: 7 });

  it('writes the data contract columns', () => {
    expect(base.frame.names).toEqual([
      'case_id',
      'user_id',
      'alert_date',
      'total_income_dollar_amount',
      'total_outcome_dollar_amount',
      'risk_pld',
      'conclusion',
    ]);
    expect(base.frame.rowCount).toBe(50_000);
    expect(text(base, 'case_id').values[0]).toBe('C000001');
    expect(text(base, 'alert_date').values.every((d) => /^2025-\d\d-\d\d$/.test(d!))).toBe(true);
    expect(categorical(base, 'risk_pld').categories).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(categorical(base, 'conclusion').categories).toEqual([
      'CLOSED_NO_ROI',
      'CLOSED_WITH_ROI',
      'REPORTED_TO_AUTHORITY',
    ]);
    const income = numeric(base, 'total_income_dollar_amount').values;
    expect(income.every((v) => v >= 0 && Math.round(v * 100) / 100 === v)).toBe(true);
  });

  it('gives the same rows for the same seed and other rows for another', () => {
    const again = generateCases({ rows: 50_000, seed: 7 });
    expect(
      same(
        numeric(again, 'total_income_dollar_amount').values,
        numeric(base, 'total_income_dollar_amount').values,
      ),
    ).toBe(true);
    expect(same(categorical(again, 'risk_pld').codes, categorical(base, 'risk_pld').codes)).toBe(true);
    expect(same(text(again, 'user_id').values, text(base, 'user_id').values)).toBe(true);
    expect(same(again.label, base.label)).toBe(true);
    const other = generateCases({ rows: 50_000, seed: 8 });
    expect(
      same(
        numeric(other, 'total_income_dollar_amount').values,
        numeric(base, 'total_income_dollar_amount').values,
      ),
    ).toBe(false);
  });

  it('has about 3% positives, labelled by the conclusion', () => {
    expect(base.positiveRate).toBeGreaterThan(0.025);
    expect(base.positiveRate).toBeLessThan(0.035);
    const conclusion = categorical(base, 'conclusion').codes;
    let mismatches = 0;
    base.label.forEach((label, i) => {
      if ((label === 1) !== (conclusion[i] !== 0)) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('has heavy-tailed amounts and mules whose outflow nearly equals inflow', () => {
    const income = numeric(base, 'total_income_dollar_amount').values;
    const outcome = numeric(base, 'total_outcome_dollar_amount').values;
    const sorted = Float64Array.from(income).sort();
    expect(sorted[Math.floor(0.999 * sorted.length)]! / sorted[sorted.length >> 1]!).toBeGreaterThan(50);
    let passThrough = 0;
    let underThreshold = 0;
    for (let i = 0; i < income.length; i++) {
      if (Math.abs(outcome[i]! / income[i]! - 1) < 0.02) passThrough++;
      if (income[i]! >= 9_000 && income[i]! < 10_000) underThreshold++;
    }
    expect(passThrough / income.length).toBeGreaterThan(0.06);
    // Structuring piles amounts up just under 10,000 compared with just over it.
    let overThreshold = 0;
    for (const v of income) if (v >= 10_000 && v < 11_000) overThreshold++;
    expect(underThreshold).toBeGreaterThan(2 * overThreshold);
  });

  it('reports the best ROC AUC of the true probabilities, as an independent computation finds it', () => {
    expect(base.bestRocAuc).toBeCloseTo(rankSumAuc(base.probability, base.label), 10);
    expect(base.bestRocAuc).toBeGreaterThan(0.9);
    expect(base.bestRocAuc).toBeLessThan(0.96);
  });

  it('leaves values missing, respells risk levels and duplicates rows at about the rates asked', () => {
    const messy = generateCases({
      rows: 50_000,
      seed: 7,
      missingRate: 0.1,
      unseenCategoryRate: 0.05,
      duplicateRate: 0.02,
    });
    const income = numeric(messy, 'total_income_dollar_amount').values;
    const missingIncome = income.filter((v) => Number.isNaN(v)).length / income.length;
    expect(missingIncome).toBeGreaterThan(0.08);
    expect(missingIncome).toBeLessThan(0.12);
    const risk = categorical(messy, 'risk_pld');
    expect(risk.categories).toEqual(expect.arrayContaining(['CRITICAL', 'low', 'medium', 'high']));
    const unseen = Array.from(risk.codes).filter(
      (c) => c >= 0 && !['LOW', 'MEDIUM', 'HIGH'].includes(risk.categories[c]!),
    );
    expect(unseen.length / risk.codes.length).toBeGreaterThan(0.035);
    expect(unseen.length / risk.codes.length).toBeLessThan(0.055);
    const ids = text(messy, 'case_id').values;
    const duplicated = ids.length - new Set(ids).size;
    expect(duplicated / ids.length).toBeGreaterThan(0.015);
    expect(duplicated / ids.length).toBeLessThan(0.025);
    // A duplicate is the whole row again.
    const first = new Map<string, number>();
    let differing = 0;
    ids.forEach((id, i) => {
      const j = first.get(id!);
      if (j === undefined) first.set(id!, i);
      else if (
        !Object.is(income[i], income[j]) ||
        risk.codes[i] !== risk.codes[j] ||
        messy.probability[i] !== messy.probability[j]
      )
        differing++;
    });
    expect(differing).toBe(0);
  });

  it('drifts amounts, risk mix and dates, and nothing at drift 0', () => {
    const drifted = generateCases({ rows: 50_000, seed: 7, drift: 1 });
    const incomeBase = median(numeric(base, 'total_income_dollar_amount').values);
    const incomeDrifted = median(numeric(drifted, 'total_income_dollar_amount').values);
    expect(incomeDrifted / incomeBase).toBeGreaterThan(1.5);
    const highShare = (g: ReturnType<typeof generateCases>) => {
      const risk = categorical(g, 'risk_pld');
      const high = risk.categories.indexOf('HIGH');
      return Array.from(risk.codes).filter((c) => c === high).length / risk.codes.length;
    };
    expect(highShare(drifted) - highShare(base)).toBeGreaterThan(0.1);
    expect(text(drifted, 'alert_date').values.every((d) => d! >= '2026-01-01')).toBe(true);
    const none = generateCases({ rows: 50_000, seed: 7, drift: 0 });
    expect(
      same(
        numeric(none, 'total_income_dollar_amount').values,
        numeric(base, 'total_income_dollar_amount').values,
      ),
    ).toBe(true);
  });

  it('refuses invalid options with USAGE', () => {
    expect(() => generateCases({ rows: 0, seed: 1 })).toThrow(/rows must be a positive integer/);
    expect(() => generateCases({ rows: 1.5, seed: 1 })).toThrow(/rows/);
    expect(() => generateCases({ rows: 10, seed: 1, missingRate: 1.2 })).toThrow(
      /missingRate must be a number between 0 and 1/,
    );
    expect(() => generateCases({ rows: 10, seed: -1 })).toThrow(/seed/);
  });
});
