import type { QualityColumn } from './quality-table.js';

/**
 * Groups of columns equal in every row (missing equals missing), each group listed once in column
 * order. Numeric columns are compared value by value, coded ones code by code and then label by label
 * (codes are given in order of first appearance, so equal columns have equal codes).
 *
 * @example
 * duplicatedColumns(table.columns); // [['income', 'income_copy']]
 */
export function duplicatedColumns(columns: readonly QualityColumn[]): string[][] {
  const groups: string[][] = [];
  const grouped = new Set<number>();
  for (let a = 0; a < columns.length; a++) {
    if (grouped.has(a)) continue;
    const group = [columns[a]!.name];
    for (let b = a + 1; b < columns.length; b++) {
      if (grouped.has(b) || !sameColumn(columns[a]!, columns[b]!)) continue;
      grouped.add(b);
      group.push(columns[b]!.name);
    }
    if (group.length > 1) groups.push(group);
  }
  return groups;
}

function sameColumn(a: QualityColumn, b: QualityColumn): boolean {
  if (a.kind === 'numeric' || b.kind === 'numeric') {
    if (a.kind !== 'numeric' || b.kind !== 'numeric') return false;
    const x = a.values;
    const y = b.values;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++)
      if (x[i] !== y[i] && !(Number.isNaN(x[i]!) && Number.isNaN(y[i]!))) return false;
    return true;
  }
  if (a.distinct !== b.distinct || a.codes.length !== b.codes.length) return false;
  for (let i = 0; i < a.codes.length; i++) if (a.codes[i] !== b.codes[i]) return false;
  for (let code = 0; code < a.distinct; code++) if (a.label(code) !== b.label(code)) return false;
  return true;
}
