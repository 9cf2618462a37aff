import type { NumericColumn } from '../../src/core/frame/column.js';
import type { Frame } from '../../src/core/frame/frame.js';

/**
 * The first 1000 cases of `frame` as one request in the original's columnar body (missing amounts
 * sent as 0 and a missing `risk_pld` as LOW, so that every case is scored without a warning): the
 * scoring benchmarks' large request.
 *
 * @example
 * await writeFile(join(dir, 'thousand.json'), JSON.stringify(thousandCases(cases.frame)));
 */
export function thousandCases(frame: Frame): Record<string, readonly (number | string)[]> {
  const column = (name: string) => frame.get(name)!;
  const amount = (name: string) =>
    Array.from((column(name) as NumericColumn).values.slice(0, 1000), (v) => (Number.isNaN(v) ? 0 : v));
  const risk = column('risk_pld');
  const risks = Array.from({ length: 1000 }, (_, i) =>
    risk.kind === 'categorical'
      ? risk.codes[i]! < 0
        ? 'LOW'
        : risk.categories[risk.codes[i]!]!
      : String((risk.values as unknown[])[i] ?? 'LOW'),
  );
  return {
    total_outcome_dollar_amount: amount('total_outcome_dollar_amount'),
    total_income_dollar_amount: amount('total_income_dollar_amount'),
    risk_pld: risks,
  };
}
