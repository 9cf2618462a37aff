import type { Finding } from '../findings/index.js';
import { categoryDistribution } from './category-distribution.js';
import { columnDrift } from './drift/column-drift.js';
import type { ColumnDriftResult } from './drift/column-drift-result.js';
import type { DriftSample } from './drift/drift-sample.js';
import { numericDistribution } from './numeric-distribution.js';
import { QUALITY_FINDING_CODES } from './quality-finding-codes.js';
import { qualityFindings } from './quality-findings.js';
import type { ColumnKind, ColumnReport, ColumnRole, DatasetDrift, QualityReport } from './quality-report.js';
import type { ColumnProfile, TableProfile } from './table-profile.js';

/** Evidently's default: the dataset drifts when at least half of its tested columns drift. */
export const DATASET_DRIFT_SHARE = 0.5;

const ROLE_ORDER: Readonly<Record<ColumnRole, number>> = { feature: 0, target: 1, score: 2, other: 3 };

/**
 * The quality and drift report of a current side against a reference side, both profiled: every
 * column present on both sides with the same kind tested for drift with Evidently's default test,
 * PSI beside it, the dataset's drift over its feature and other non-text columns (the target and
 * the score are reported apart), charts' shares and findings. Never throws on odd data: absent,
 * empty or differently typed columns are findings. `findings` made while reading are added.
 *
 * @example
 * const report = compareProfiles(profileTable(trainTable), profileTable(testTable));
 */
export function compareProfiles(
  reference: TableProfile,
  current: TableProfile,
  findings: readonly Finding[] = [],
): QualityReport {
  const referenceByName = new Map(reference.columns.map((c) => [c.name, c]));
  const currentByName = new Map(current.columns.map((c) => [c.name, c]));
  const names = [
    ...new Set([...reference.columns.map((c) => c.name), ...current.columns.map((c) => c.name)]),
  ];
  const extraFindings: Finding[] = [];
  const columns = names.map((name, order) => ({
    report: columnReport(name, referenceByName.get(name), currentByName.get(name), extraFindings),
    order,
  }));
  columns.sort(
    (a, b) =>
      Number(b.report.drift?.drifted ?? false) - Number(a.report.drift?.drifted ?? false) ||
      ROLE_ORDER[a.report.role] - ROLE_ORDER[b.report.role] ||
      a.order - b.order,
  );
  const reports = columns.map((c) => c.report);
  const tested = reports.filter((c) => c.drift && (c.role === 'feature' || c.role === 'other'));
  const drifted = tested.filter((c) => c.drift!.drifted).length;
  const share = tested.length > 0 ? drifted / tested.length : 0;
  const roleDrift = (role: ColumnRole): ColumnDriftResult | null =>
    reports.find((c) => c.role === role)?.drift ?? null;
  const drift: DatasetDrift = {
    columns: tested.length,
    drifted,
    share,
    threshold: DATASET_DRIFT_SHARE,
    datasetDrift: tested.length > 0 && share >= DATASET_DRIFT_SHARE,
    target: roleDrift('target'),
    score: roleDrift('score'),
  };
  const dataset = { reference: reference.dataset, current: current.dataset };
  return {
    formatVersion: 1,
    reference: { name: reference.name, rows: reference.rows },
    current: { name: current.name, rows: current.rows },
    dataset,
    columns: reports,
    drift,
    findings: [...qualityFindings(reports, dataset, drift), ...extraFindings, ...findings],
  };
}

function columnReport(
  name: string,
  reference: ColumnProfile | undefined,
  current: ColumnProfile | undefined,
  findings: Finding[],
): ColumnReport {
  const role = reference?.role ?? current!.role;
  const kinds = new Set([reference?.kind, current?.kind].filter((k) => k !== undefined));
  let kind: ColumnKind = (reference ?? current)!.kind;
  // Strings on both sides are compared as text when either side has too many distinct values to be categories.
  if (!kinds.has('numeric') && kinds.has('text')) kind = 'text';
  const base = { name, role, reference: reference?.stats ?? null, current: current?.stats ?? null };
  if (!reference || !current) return { ...base, kind, drift: null, distribution: null };
  if (kinds.size > 1 && kinds.has('numeric')) {
    findings.push({
      code: 'COLUMN_KIND_DIFFERS',
      path: name,
      severity: QUALITY_FINDING_CODES.COLUMN_KIND_DIFFERS.severity,
      message: `column ${name} is ${reference.kind} in reference and ${current.kind} in current: not tested for drift`,
    });
    return { ...base, kind: 'text', drift: null, distribution: null };
  }
  if (kind === 'numeric') {
    const r = reference.sorted!;
    const c = current.sorted!;
    return {
      ...base,
      kind,
      drift: tested(name, { kind: 'numeric', sorted: r }, { kind: 'numeric', sorted: c }, findings),
      distribution: numericDistribution(r, c),
    };
  }
  if (kind === 'text') return { ...base, kind, drift: null, distribution: null };
  const r = reference.counts!;
  const c = current.counts!;
  return {
    ...base,
    kind,
    newCategories: [...c.keys()].filter((label) => !r.has(label)),
    missingCategories: [...r.keys()].filter((label) => !c.has(label)),
    drift: tested(name, { kind: 'categorical', counts: r }, { kind: 'categorical', counts: c }, findings),
    distribution: categoryDistribution(r, c),
  };
}

function isEmpty(sample: DriftSample): boolean {
  return sample.kind === 'numeric' ? sample.sorted.length === 0 : sample.counts.size === 0;
}

function tested(
  name: string,
  reference: DriftSample,
  current: DriftSample,
  findings: Finding[],
): ColumnDriftResult | null {
  if (isEmpty(reference) || isEmpty(current)) {
    findings.push({
      code: 'COLUMN_NOT_TESTED',
      path: name,
      severity: QUALITY_FINDING_CODES.COLUMN_NOT_TESTED.severity,
      message: `column ${name} has no present value in ${isEmpty(reference) ? 'reference' : 'current'}: drift not tested`,
    });
    return null;
  }
  return columnDrift(reference, current);
}
