import { categoryLabel } from './category-label.js';
import type { DomainFeatureName } from './domain-features.js';
import { domainFeature } from './domain-features.js';
import { oneHotName } from './feature-names.js';
import type { FeaturePipelineState } from './feature-pipeline-state.js';
import { recordNumber } from './record-number.js';

/** Something noticed in one record: a category never seen in training, or a value that is not a number. */
export interface RecordIssue {
  readonly column: string;
  readonly kind: 'unseen-category' | 'not-numeric';
  readonly value: unknown;
}

/** One record's feature row and what was noticed in it (usually nothing). */
export interface TransformedRecord {
  readonly row: Float32Array;
  readonly issues: readonly RecordIssue[];
}

/** Turns one record into a feature row, the same values as `transformFeatures` gives its row. */
export interface RecordTransformer {
  readonly featureNames: readonly string[];
  /** `out`, when given, is overwritten and returned (length = featureNames.length). */
  transform(record: Readonly<Record<string, unknown>>, out?: Float32Array): TransformedRecord;
}

const NO_ISSUES: readonly RecordIssue[] = Object.freeze([]);

/**
 * Compiles a fitted pipeline for scoring one record at a time without building a frame: the
 * lookups are prepared once, so that a record takes about a microsecond. A key absent from the
 * record is a missing value (the caller validates requests before this).
 *
 * @example
 * const toRow = createRecordTransformer(state);
 * toRow.transform({ total_income_dollar_amount: 1305.06, total_outcome_dollar_amount: 2109.19, risk_pld: 'HIGH' }).row;
 */
export function createRecordTransformer(state: FeaturePipelineState): RecordTransformer {
  const position = new Map(state.featureNames.map((name, index) => [name, index]));
  const width = state.featureNames.length;
  const fill = state.missing.strategy === 'fill' ? state.missing.value : Number.NaN;
  const numeric = state.numeric.map((column) => ({ column, at: position.get(column)! }));
  const categorical = state.categorical.map((encoding) => {
    const at = new Map(encoding.categories.map((c) => [c, position.get(oneHotName(encoding.column, c))!]));
    return { column: encoding.column, at, imputed: encoding.impute === null ? -1 : at.get(encoding.impute)! };
  });
  const domain = state.domain;
  const derived: { name: DomainFeatureName; at: number }[] =
    domain?.features.map((name) => ({ name, at: position.get(name)! })) ?? [];

  return {
    featureNames: state.featureNames,
    transform(record, out) {
      const row = out ?? new Float32Array(width);
      if (out) row.fill(0);
      const issues: RecordIssue[] = [];
      const numberOf = (column: string): number => {
        const value = record[column];
        const v = recordNumber(value);
        if (v !== undefined) return v;
        issues.push({ column, kind: 'not-numeric', value });
        return Number.NaN;
      };
      for (const { column, at } of numeric) {
        const v = numberOf(column);
        row[at] = !Number.isNaN(v) ? v : fill;
      }
      for (const { column, at, imputed } of categorical) {
        const label = categoryLabel(record[column]);
        if (label === null) {
          if (imputed >= 0) row[imputed] = 1;
          continue;
        }
        const index = at.get(label);
        if (index === undefined) issues.push({ column, kind: 'unseen-category', value: label });
        else row[index] = 1;
      }
      if (domain) {
        const income = recordNumber(record[domain.incomeColumn]) ?? Number.NaN;
        const outcome = recordNumber(record[domain.outcomeColumn]) ?? Number.NaN;
        for (const { name, at } of derived) {
          const v = domainFeature(name, income, outcome);
          row[at] = !Number.isNaN(v) ? v : fill;
        }
      }
      return { row, issues: issues.length === 0 ? NO_ISSUES : issues };
    },
  };
}
