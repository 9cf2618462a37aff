import { profileCodedColumn } from './coded-column-profile.js';
import { datasetStats } from './dataset-stats.js';
import { profileNumericColumn } from './numeric-column-profile.js';
import type { QualityColumn, QualityTable, QualityTarget } from './quality-table.js';
import type { ColumnProfile, TableProfile } from './table-profile.js';

/**
 * Profiles one side of a quality report: each column in one pass (plus one sort of its numbers),
 * then the dataset statistics. What `compareProfiles` compares; sides can be profiled apart (on two
 * threads) and compared after.
 *
 * @example
 * const reference = profileTable(trainTable, { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' });
 */
export function profileTable(table: QualityTable, target?: QualityTarget): TableProfile {
  const columns = table.columns.map(profileColumn);
  return {
    name: table.name,
    rows: table.rowCount,
    columns,
    dataset: datasetStats(
      table,
      columns.map((c) => c.stats),
      target,
    ),
  };
}

function profileColumn(column: QualityColumn): ColumnProfile {
  const base = { name: column.name, kind: column.kind, role: column.role };
  if (column.kind === 'numeric') {
    const { stats, sorted } = profileNumericColumn(column.values);
    return { ...base, stats, sorted };
  }
  const { stats, counts } = profileCodedColumn(column);
  if (column.kind === 'text') return { ...base, stats };
  // Codes of one column may share a label only if a reader split them; counted together.
  const byLabel = new Map<string, number>();
  for (let code = 0; code < counts.length; code++) {
    const count = counts[code]!;
    if (count > 0) byLabel.set(column.label(code), (byLabel.get(column.label(code)) ?? 0) + count);
  }
  return { ...base, stats, counts: byLabel };
}
