import { AmlopsError } from '../core/errors/index.js';
import type { ThresholdRow, ThresholdTable } from '../core/evaluate/threshold-table.js';
import type { ModelVersion } from '../core/tracking/index.js';
import { parseOrderBy, parseSearchFilter, RUN_SEARCH_SCHEMA, type Run } from '../core/tracking/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { artifactsAt } from './artifacts-at.js';

/** Where a version's threshold table comes from. */
export interface ThresholdTableSource {
  /** `training`: the test split of the run that trained it; `evaluate`: an `amlops evaluate` run of it. */
  readonly kind: 'training' | 'evaluate';
  readonly runId: string;
  /** The labelled file of an `evaluate` run; null for training. */
  readonly data: string | null;
  readonly cases: number;
  readonly positives: number;
}

/** A version's threshold table and where it was read. */
export interface VersionThresholdTable {
  readonly table: ThresholdTable;
  readonly source: ThresholdTableSource;
  /** The operating threshold its training set (run metric `threshold`), when known. */
  readonly trainingThreshold: number | null;
}

/** How many of a version's newest `amlops evaluate` runs are looked at for a table. */
const EVALUATE_RUNS_READ = 20;

type Stores = { readonly tracking: TrackingStore; readonly artifacts: ArtifactStore };

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The table in a parsed evaluation, when it is one (a damaged file is no table). */
function tableIn(value: unknown): ThresholdTable | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const table = value as Partial<ThresholdTable>;
  const rowOk = (row: Partial<ThresholdRow> | null): boolean =>
    typeof row === 'object' &&
    row !== null &&
    [row.threshold, row.alertRate, row.precision, row.recall, row.alerts, row.truePositives].every(finite);
  if (!finite(table.cases) || !finite(table.positives) || !Array.isArray(table.rows)) return undefined;
  if (table.rows.length === 0 || !table.rows.every(rowOk)) return undefined;
  return table as ThresholdTable;
}

/** A run's `evaluation.json`, parsed; undefined when it has none or it is not JSON. */
async function evaluationOf(stores: Stores, run: Run): Promise<Record<string, unknown> | undefined> {
  try {
    const bytes = await artifactsAt(stores.artifacts, run.info.artifactUri).get('evaluation.json');
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    if (error instanceof AmlopsError && error.code === 'FILE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function trainingRun(tracking: TrackingStore, runId: string): Promise<Run | undefined> {
  if (!runId) return undefined;
  try {
    return await tracking.getRun(runId);
  } catch (error) {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** The version's `amlops evaluate` runs, newest first (recorded in the experiment named after the model). */
async function evaluateRuns(tracking: TrackingStore, version: ModelVersion): Promise<readonly Run[]> {
  const experiment = await tracking.getExperimentByName(version.name);
  if (!experiment) return [];
  const quoted = version.version.replace(/'/g, "''");
  const page = await tracking.searchRuns({
    experimentIds: [experiment.experimentId],
    filter: parseSearchFilter(
      `tags.\`amlops.flow\` = 'evaluate' and tags.\`amlops.model_version\` = '${quoted}'`,
      RUN_SEARCH_SCHEMA,
    ),
    orderBy: parseOrderBy(['attributes.start_time DESC'], RUN_SEARCH_SCHEMA),
    maxResults: EVALUATE_RUNS_READ,
  });
  return page.items;
}

/**
 * The threshold table of a version, from the test split of the run that trained it or, when that
 * evaluation has none, from the newest `amlops evaluate` run of the version that has one.
 * TEST_EVALUATION_MISSING when the version has neither a test evaluation nor an evaluate run (an
 * imported model, a run or file gone); THRESHOLD_TABLE_MISSING when its evaluations were all
 * written before amlops kept the table. Both messages say what to run.
 *
 * @example
 * const { table, source } = await versionThresholdTable(stores, version);
 * source.kind; // 'training'
 */
export async function versionThresholdTable(
  stores: Stores,
  version: ModelVersion,
): Promise<VersionThresholdTable> {
  const ref = `${version.name}/${version.version}`;
  const run = await trainingRun(stores.tracking, version.runId);
  const threshold = run?.data.metrics.find((m) => m.key === 'threshold')?.value;
  const trainingThreshold = finite(threshold) ? threshold : null;
  const report = run ? (await evaluationOf(stores, run))?.report : undefined;
  const test =
    typeof report === 'object' && report !== null ? (report as { test?: unknown }).test : undefined;
  const trained = tableIn((test as { thresholdTable?: unknown } | undefined)?.thresholdTable);
  if (run && trained)
    return {
      table: trained,
      source: {
        kind: 'training',
        runId: run.info.runId,
        data: null,
        cases: trained.cases,
        positives: trained.positives,
      },
      trainingThreshold,
    };
  let evaluated = 0;
  for (const candidate of await evaluateRuns(stores.tracking, version)) {
    const evaluation = await evaluationOf(stores, candidate);
    if (!evaluation) continue;
    evaluated++;
    const table = tableIn(
      (evaluation.evaluation as { thresholdTable?: unknown } | undefined)?.thresholdTable,
    );
    if (table)
      return {
        table,
        source: {
          kind: 'evaluate',
          runId: candidate.info.runId,
          data: typeof evaluation.data === 'string' ? evaluation.data : null,
          cases: table.cases,
          positives: table.positives,
        },
        trainingThreshold,
      };
  }
  const remedy = `train again (amlops train --data FILE), or measure this version on labelled cases: amlops evaluate --model ${ref} --data FILE`;
  if (test !== undefined || evaluated > 0)
    throw new AmlopsError(
      'THRESHOLD_TABLE_MISSING',
      `model version ${ref} has a test evaluation${run ? ` (run ${run.info.runId})` : ''} written before amlops kept a threshold table, so there is no threshold to pick between its few curve points: ${remedy}`,
      { model: version.name, version: version.version, ...(run ? { runId: run.info.runId } : {}) },
    );
  const why = !version.runId
    ? 'it was not trained by amlops (imported)'
    : !run
      ? `its training run ${version.runId} is gone`
      : `its training run ${run.info.runId} has no evaluation.json`;
  throw new AmlopsError(
    'TEST_EVALUATION_MISSING',
    `model version ${ref} has no test evaluation to read an alert budget from: ${why}; ${remedy}`,
    { model: version.name, version: version.version },
  );
}
