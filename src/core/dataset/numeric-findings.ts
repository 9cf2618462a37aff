import type { Finding } from '../findings/index.js';
import type { CellSample } from './cell-sample.js';
import type { NumericCellProblems } from './coerce-table.js';
import { formatExamples } from './format-examples.js';

/**
 * Turns the cell problems of numeric columns into fatal findings: non-numeric text, `NaN` or
 * `Infinity` written out, negative amounts; each with its count and the first examples.
 *
 * @example
 * numericFindings(coerced.numericProblems, 'line');
 * // [{ code: 'NEGATIVE_AMOUNT', path: 'total_income_dollar_amount', severity: 'fatal',
 * //    message: "1 negative amount in total_income_dollar_amount: line 4 '-3'", value: 1, threshold: 0, ... }]
 */
export function numericFindings(
  problems: ReadonlyMap<string, NumericCellProblems>,
  kind: 'line' | 'row',
): Finding[] {
  const findings: Finding[] = [];
  const make = (code: string, column: string, sample: CellSample, what: string, threshold?: number): void => {
    if (sample.count === 0) return;
    const plural = sample.count === 1 ? what : `${what}s`;
    const more = sample.count > sample.examples.length ? ', …' : '';
    findings.push({
      code,
      path: column,
      severity: 'fatal',
      message: `${sample.count} ${plural} in ${column}: ${formatExamples(sample.examples, kind)}${more}`,
      value: sample.count,
      ...(threshold === undefined ? {} : { threshold }),
      details: {
        positionKind: kind,
        examples: sample.examples.map(({ position, text }) => ({ [kind]: position, text })),
      },
    });
  };
  for (const [column, p] of problems) {
    make('NON_NUMERIC_VALUE', column, p.nonNumeric, 'non-numeric value');
    make('NON_FINITE_VALUE', column, p.nonFinite, 'NaN or Infinity value');
    make('NEGATIVE_AMOUNT', column, p.negative, 'negative amount', 0);
  }
  return findings;
}
