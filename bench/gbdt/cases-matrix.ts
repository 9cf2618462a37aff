import type { FeatureMatrix } from '../../src/core/gbdt/feature-matrix.js';
import { generateCases } from '../../src/core/synthetic/index.js';

/** The original's three features, as the engine sees them: two amounts and the risk level as a code. */
export const FEATURES = ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld'] as const;
const RISK_CODE: Readonly<Record<string, number>> = { LOW: 0, MEDIUM: 1, HIGH: 2 };
const CHUNK_ROWS = 1_000_000;

export interface CasesMatrix {
  readonly matrix: FeatureMatrix;
  readonly labels: Float32Array;
}

/**
 * Generated alert cases (the product's generator, `generateCases`) as a float32 feature matrix:
 * amounts as they are (NaN when empty), `risk_pld` as 0/1/2 (NaN when empty or unseen), label 1
 * for a positive conclusion. Generated in chunks of a million rows (seeds `seed`, `seed + 1`, …) so
 * that ten million rows fit in memory.
 */
export function casesMatrix(rows: number, seed: number, missingRate = 0.02): CasesMatrix {
  const columns = FEATURES.map(() => new Float32Array(rows));
  const labels = new Float32Array(rows);
  for (let start = 0, chunk = 0; start < rows; start += CHUNK_ROWS, chunk++) {
    const n = Math.min(CHUNK_ROWS, rows - start);
    const { frame, label } = generateCases({ rows: n, seed: seed + chunk, missingRate });
    const income = frame.get('total_income_dollar_amount');
    const outcome = frame.get('total_outcome_dollar_amount');
    const risk = frame.get('risk_pld');
    if (income?.kind !== 'numeric' || outcome?.kind !== 'numeric' || risk?.kind !== 'categorical') {
      throw new Error('generateCases changed its columns');
    }
    const riskCodes = risk.categories.map((c) => RISK_CODE[c] ?? Number.NaN);
    for (let i = 0; i < n; i++) {
      columns[0]![start + i] = income.values[i]!;
      columns[1]![start + i] = outcome.values[i]!;
      const code = risk.codes[i]!;
      columns[2]![start + i] = code < 0 ? Number.NaN : riskCodes[code]!;
      labels[start + i] = label[i]!;
    }
  }
  return { matrix: { rowCount: rows, featureNames: [...FEATURES], columns }, labels };
}

/** Rows [start, end) of a cases matrix (copies). */
export function sliceCases(cases: CasesMatrix, start: number, end: number): CasesMatrix {
  return {
    matrix: {
      rowCount: end - start,
      featureNames: cases.matrix.featureNames,
      columns: cases.matrix.columns.map((c) => c.slice(start, end)),
    },
    labels: cases.labels.slice(start, end),
  };
}
