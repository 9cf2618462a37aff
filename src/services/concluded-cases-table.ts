import { type RawTable, rawTableFromColumns } from '../core/dataset/index.js';
import type { ConcludedCase } from '../ports/case-store.js';

/** The columns a table of concluded cases is written with: the data contract's, as configured. */
export interface CasesTableColumns {
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  /** Where the conclusion goes (`data.targetColumn`). */
  readonly target: string;
  /** Where the subject goes (the model's id column); left out when no case has a subject. */
  readonly id: string;
}

/**
 * Concluded cases as rows of training data, in the order given: each case's inputs as scored
 * (missing as empty), its conclusion as the target and its subject in the id column; then a
 * training reads them as it reads a file.
 *
 * @example
 * const table = concludedCasesTable(await cases.concluded(), { numeric, categorical, target: 'conclusion', id: 'case_id' });
 */
export function concludedCasesTable(cases: readonly ConcludedCase[], columns: CasesTableColumns): RawTable {
  const values: Record<string, unknown[]> = {};
  if (cases.some((c) => c.subject !== null)) values[columns.id] = cases.map((c) => c.subject);
  for (const name of [...columns.numeric, ...columns.categorical])
    values[name] = cases.map((c) => c.inputs[name] ?? null);
  values[columns.target] = cases.map((c) => c.conclusion);
  return rawTableFromColumns(values, { kind: 'row' });
}
