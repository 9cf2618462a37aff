import { parseNumericText } from '../dataset/parse-numeric-text.js';
import type { Frame } from '../frame/index.js';
import { codedColumnFromCategories } from './coded-column-from-categories.js';
import { codedColumnFromValues } from './coded-column-from-values.js';
import { inferCodedKind } from './infer-coded-kind.js';
import type { ColumnRole } from './quality-report.js';
import type { QualityColumn, QualityTable } from './quality-table.js';

/** Which columns of a frame are features and which is the target; the others are carried. */
export interface FrameRoles {
  readonly features: readonly string[];
  readonly target?: string;
}

/**
 * A quality table over a frame's columns (typed arrays shared, not copied), with each column's role;
 * carried text columns become numeric when every present value is a number, else categorical or
 * text (`inferCodedKind`). `scores`, when given, is added as the `score` column
 * (`amlops_score` when the frame has a `score` of its own).
 *
 * @example
 * qualityTableFromFrame('train split', split.frame, { features: ['risk_pld'], target: 'conclusion' }, scores);
 */
export function qualityTableFromFrame(
  name: string,
  frame: Frame,
  roles: FrameRoles,
  scores?: Float64Array,
): QualityTable {
  const features = new Set(roles.features);
  const roleOf = (column: string): ColumnRole =>
    features.has(column) ? 'feature' : column === roles.target ? 'target' : 'other';
  const columns: QualityColumn[] = frame.columns.map((column): QualityColumn => {
    const role = roleOf(column.name);
    if (column.kind === 'numeric') return { kind: 'numeric', name: column.name, role, values: column.values };
    if (column.kind === 'categorical')
      return codedColumnFromCategories(column.name, role, column.codes, column.categories);
    const numbers = numericValues(column.values);
    if (numbers) return { kind: 'numeric', name: column.name, role, values: numbers };
    const coded = codedColumnFromValues(column.name, role, 'text', column.values);
    return { ...coded, kind: inferCodedKind(coded.distinct, frame.rowCount) };
  });
  if (scores)
    columns.push({
      kind: 'numeric',
      name: frame.has('score') ? 'amlops_score' : 'score',
      role: 'score',
      values: scores,
    });
  return { name, rowCount: frame.rowCount, columns };
}

/** The values as numbers when every present one is numeric text (and one at least is present); else undefined. */
function numericValues(values: readonly (string | null)[]): Float64Array | undefined {
  const numbers = new Float64Array(values.length);
  let present = 0;
  for (let row = 0; row < values.length; row++) {
    const text = values[row];
    if (text === null || text === undefined || text === '') {
      numbers[row] = Number.NaN;
      continue;
    }
    const value = parseNumericText(text);
    if (Number.isNaN(value)) return undefined;
    numbers[row] = value;
    present++;
  }
  return present > 0 ? numbers : undefined;
}
