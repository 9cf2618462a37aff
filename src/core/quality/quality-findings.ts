import type { Finding, Severity } from '../findings/index.js';
import type { ColumnDriftResult } from './drift/column-drift-result.js';
import { QUALITY_FINDING_CODES, type QualityFindingCode } from './quality-finding-codes.js';
import type { ColumnReport, DatasetDrift, DatasetStats } from './quality-report.js';

const PSI_SIGNIFICANT = 0.25;
const PSI_MODERATE = 0.1;
const MISSING_SHARE_RISE = 0.05;

function finding(
  code: QualityFindingCode,
  path: string,
  message: string,
  extra: { severity?: Severity; value?: unknown; threshold?: unknown } = {},
): Finding {
  return {
    code,
    path,
    severity: extra.severity ?? QUALITY_FINDING_CODES[code].severity,
    message,
    ...(extra.value !== undefined ? { value: extra.value } : {}),
    ...(extra.threshold !== undefined ? { threshold: extra.threshold } : {}),
  };
}

const format = (value: number): string =>
  Math.abs(value) >= 0.001 || value === 0 ? value.toFixed(4) : value.toExponential(2);
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

function driftMessage(name: string, drift: ColumnDriftResult): string {
  const relation = drift.scoreKind === 'p_value' ? '<' : '>=';
  return `${name} drifted: ${drift.stattestLabel} ${format(drift.score)} ${relation} ${drift.threshold}`;
}

/**
 * The findings of a quality report, from its columns, its dataset statistics and its drift: what
 * drifted, what is new, absent, empty or constant in current, and what could not be tested.
 *
 * @example
 * qualityFindings(columns, { reference, current }, drift).map((f) => f.code); // ['DATASET_DRIFT', 'COLUMN_DRIFT', …]
 */
export function qualityFindings(
  columns: readonly ColumnReport[],
  dataset: { readonly reference: DatasetStats; readonly current: DatasetStats },
  drift: DatasetDrift,
): Finding[] {
  const findings: Finding[] = [];
  for (const [side, stats] of [
    ['reference', dataset.reference],
    ['current', dataset.current],
  ] as const)
    if (stats.rows === 0)
      findings.push(finding('EMPTY_DATASET', '', `${side} has no rows: nothing to compare`));
  if (drift.datasetDrift)
    findings.push(
      finding(
        'DATASET_DRIFT',
        '',
        `dataset drift: ${drift.drifted} of ${drift.columns} columns drifted (${percent(drift.share)} >= ${percent(drift.threshold)})`,
        { value: drift.share, threshold: drift.threshold },
      ),
    );
  for (const column of columns) {
    const { name, drift: result } = column;
    if (result?.drifted) {
      const code =
        column.role === 'score' ? 'SCORE_DRIFT' : column.role === 'target' ? 'TARGET_DRIFT' : 'COLUMN_DRIFT';
      findings.push(
        finding(code, name, driftMessage(name, result), { value: result.score, threshold: result.threshold }),
      );
    }
    if (result?.psi !== null && result?.psi !== undefined && result.psi >= PSI_MODERATE)
      findings.push(
        finding('PSI_HIGH', name, `${name}: population stability index ${format(result.psi)}`, {
          severity: result.psi >= PSI_SIGNIFICANT ? 'warning' : 'info',
          value: result.psi,
          threshold: result.psi >= PSI_SIGNIFICANT ? PSI_SIGNIFICANT : PSI_MODERATE,
        }),
      );
    if (column.newCategories?.length)
      findings.push(
        finding(
          'NEW_CATEGORIES',
          name,
          `${name}: ${column.newCategories.length} value(s) in current never seen in reference: ${column.newCategories.slice(0, 10).join(', ')}`,
          { value: column.newCategories.length },
        ),
      );
    if (column.missingCategories?.length)
      findings.push(
        finding(
          'MISSING_CATEGORIES',
          name,
          `${name}: ${column.missingCategories.length} value(s) of reference absent from current: ${column.missingCategories.slice(0, 10).join(', ')}`,
          { value: column.missingCategories.length },
        ),
      );
    const { reference, current } = column;
    if (!reference || !current) {
      findings.push(
        finding(
          'COLUMN_ABSENT',
          name,
          `column ${name} is in ${reference ? 'reference' : 'current'} but not in ${reference ? 'current' : 'reference'}`,
        ),
      );
      continue;
    }
    if (current.missingShare - reference.missingShare >= MISSING_SHARE_RISE)
      findings.push(
        finding(
          'MISSING_SHARE_ROSE',
          name,
          `${name}: ${percent(current.missingShare)} missing in current against ${percent(reference.missingShare)} in reference`,
          { value: current.missingShare, threshold: reference.missingShare + MISSING_SHARE_RISE },
        ),
      );
  }
  const current = dataset.current;
  if (current.rows > 0) {
    for (const name of current.emptyColumns)
      findings.push(finding('EMPTY_COLUMN', name, `column ${name} of current has no value in any row`));
    for (const name of current.constantColumns)
      if (!current.emptyColumns.includes(name))
        findings.push(
          finding('CONSTANT_COLUMN', name, `column ${name} of current holds one value in every row`),
        );
    for (const name of current.almostConstantColumns)
      findings.push(
        finding('ALMOST_CONSTANT_COLUMN', name, `one value fills 95% or more of column ${name} of current`),
      );
    if (current.duplicatedRows > 0)
      findings.push(
        finding(
          'DUPLICATED_ROWS',
          '',
          `${current.duplicatedRows} row(s) of current repeat an earlier row in every column (${percent(current.duplicatedRows / current.rows)})`,
          { value: current.duplicatedRows },
        ),
      );
    for (const group of current.duplicatedColumns)
      findings.push(
        finding(
          'DUPLICATED_COLUMNS',
          group[0]!,
          `columns ${group.join(', ')} of current are equal in every row`,
        ),
      );
  }
  return findings;
}
