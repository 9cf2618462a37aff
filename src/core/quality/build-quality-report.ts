import type { Finding } from '../findings/index.js';
import { categoryDistribution } from './category-distribution.js';
import { type CodedColumnProfile, profileCodedColumn } from './coded-column-profile.js';
import { datasetStats } from './dataset-stats.js';
import { columnDrift } from './drift/column-drift.js';
import type { ColumnDriftResult } from './drift/column-drift-result.js';
import type { DriftSample } from './drift/drift-sample.js';
import { type NumericColumnProfile, profileNumericColumn } from './numeric-column-profile.js';
import { numericDistribution } from './numeric-distribution.js';
import { QUALITY_FINDING_CODES } from './quality-finding-codes.js';
import { qualityFindings } from './quality-findings.js';
import type { ColumnKind, ColumnReport, ColumnRole, DatasetDrift, QualityReport } from './quality-report.js';
import type { QualityColumn, QualityTable, QualityTarget } from './quality-table.js';

/** Evidently's default: the dataset drifts when at least half of its tested columns drift. */
export const DATASET_DRIFT_SHARE = 0.5;

export interface QualityReportOptions {
  readonly target?: QualityTarget;
  /** Findings made while reading the data (cells that are not numbers…), reported with the rest. */
  readonly findings?: readonly Finding[];
}

type Profiled =
  | { readonly column: QualityColumn & { kind: 'numeric' }; readonly profile: NumericColumnProfile }
  | {
      readonly column: QualityColumn & { kind: 'categorical' | 'text' };
      readonly profile: CodedColumnProfile;
    };

const ROLE_ORDER: Readonly<Record<ColumnRole, number>> = { feature: 0, target: 1, score: 2, other: 3 };

/**
 * The quality and drift report of a current dataset against a reference: both sides profiled (one
 * pass per column plus one sort of its numbers), every column present on both sides with the same
 * kind tested for drift with Evidently's default test, PSI beside it, the dataset's drift over its
 * feature and other non-text columns (the target and the score are reported apart), charts' shares
 * and findings. Never throws on odd data: absent, empty or differently typed columns are findings.
 *
 * @example
 * const report = buildQualityReport(trainTable, testTable, { target: { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' } });
 * report.drift.datasetDrift; // false
 */
export function buildQualityReport(
  reference: QualityTable,
  current: QualityTable,
  options: QualityReportOptions = {},
): QualityReport {
  const referenceProfiles = reference.columns.map(profileColumn);
  const currentProfiles = current.columns.map(profileColumn);
  const byName = (profiles: Profiled[]) => new Map(profiles.map((p) => [p.column.name, p]));
  const referenceByName = byName(referenceProfiles);
  const currentByName = byName(currentProfiles);
  const names = [
    ...new Set([...reference.columns.map((c) => c.name), ...current.columns.map((c) => c.name)]),
  ];
  const extraFindings: Finding[] = [];
  const columns = names.map((name, order) => {
    const report = columnReport(name, referenceByName.get(name), currentByName.get(name), extraFindings);
    return { report, order };
  });
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
  const dataset = {
    reference: datasetStats(
      reference,
      referenceProfiles.map((p) => p.profile.stats),
      options.target,
    ),
    current: datasetStats(
      current,
      currentProfiles.map((p) => p.profile.stats),
      options.target,
    ),
  };
  return {
    formatVersion: 1,
    reference: { name: reference.name, rows: reference.rowCount },
    current: { name: current.name, rows: current.rowCount },
    dataset,
    columns: reports,
    drift,
    findings: [...qualityFindings(reports, dataset, drift), ...extraFindings, ...(options.findings ?? [])],
  };
}

function profileColumn(column: QualityColumn): Profiled {
  return column.kind === 'numeric'
    ? { column, profile: profileNumericColumn(column.values) }
    : { column, profile: profileCodedColumn(column) };
}

/** How many rows hold each label (codes of one column may share a label only if a reader split them). */
function countsByLabel(profiled: Profiled): Map<string, number> {
  const counts = new Map<string, number>();
  if (profiled.column.kind === 'numeric') return counts;
  const { column } = profiled;
  const profile = profiled.profile as CodedColumnProfile;
  for (let code = 0; code < profile.counts.length; code++) {
    const count = profile.counts[code]!;
    if (count > 0) counts.set(column.label(code), (counts.get(column.label(code)) ?? 0) + count);
  }
  return counts;
}

function columnReport(
  name: string,
  reference: Profiled | undefined,
  current: Profiled | undefined,
  findings: Finding[],
): ColumnReport {
  const either = (reference ?? current)!;
  const role = reference?.column.role ?? current!.column.role;
  const kinds = new Set([reference?.column.kind, current?.column.kind].filter((k) => k !== undefined));
  let kind: ColumnKind = either.column.kind;
  // Strings on both sides are compared as text when either side has too many distinct values to be categories.
  if (!kinds.has('numeric') && kinds.has('text')) kind = 'text';
  const base = {
    name,
    role,
    reference: reference?.profile.stats ?? null,
    current: current?.profile.stats ?? null,
  };
  if (!reference || !current) return { ...base, kind, drift: null, distribution: null };
  if (kinds.size > 1 && kinds.has('numeric')) {
    findings.push({
      code: 'COLUMN_KIND_DIFFERS',
      path: name,
      severity: QUALITY_FINDING_CODES.COLUMN_KIND_DIFFERS.severity,
      message: `column ${name} is ${reference.column.kind} in reference and ${current.column.kind} in current: not tested for drift`,
    });
    return { ...base, kind: 'text', drift: null, distribution: null };
  }
  if (kind === 'numeric') {
    const r = (reference.profile as NumericColumnProfile).sorted;
    const c = (current.profile as NumericColumnProfile).sorted;
    return {
      ...base,
      kind,
      drift: tested(name, { kind: 'numeric', sorted: r }, { kind: 'numeric', sorted: c }, findings),
      distribution: numericDistribution(r, c),
    };
  }
  if (kind === 'text') return { ...base, kind, drift: null, distribution: null };
  const r = countsByLabel(reference);
  const c = countsByLabel(current);
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
