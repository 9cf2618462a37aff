import { type Kysely, sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import {
  type Metric,
  type Param,
  type Tag,
  TRACKING_LIMITS,
  validateKey,
  validateMetricValues,
  validateValueLength,
} from '../../core/tracking/index.js';
import type { LogBatchInput } from '../../ports/tracking-store.js';
import type { Database } from './database.js';
import { runRow } from './run-rows.js';
import type { SqlStoreContext } from './sql-store-context.js';

const RUN_NAME_TAG = 'mlflow.runName';

function checkMetric(metric: Metric): void {
  validateKey('metric', metric.key);
  validateMetricValues(metric.key, metric.value, metric.timestamp, metric.step);
}

function checkParam(param: Param): void {
  validateKey('param', param.key);
  validateValueLength('param', param.key, param.value, TRACKING_LIMITS.maxParamValueLength);
}

function checkTag(tag: Tag): void {
  validateKey('tag', tag.key);
  validateValueLength('tag', tag.key, tag.value, TRACKING_LIMITS.maxTagValueLength);
}

function metricRow(runId: string, metric: Metric) {
  const isNan = Number.isNaN(metric.value) ? 1 : 0;
  return {
    run_uuid: runId,
    key: metric.key,
    value: isNan ? 0 : metric.value,
    is_nan: isNan,
    timestamp: metric.timestamp,
    step: metric.step,
  };
}

/** MLflow's order of "latest": greatest step, then timestamp, then value. */
function isLater(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

const INSERT_CHUNK = 500;

async function writeMetrics(trx: Kysely<Database>, runId: string, metrics: readonly Metric[]): Promise<void> {
  for (let i = 0; i < metrics.length; i += INSERT_CHUNK)
    await trx
      .insertInto('metrics')
      .values(metrics.slice(i, i + INSERT_CHUNK).map((m) => metricRow(runId, m)))
      .execute();
  const latest = new Map<string, Metric>();
  for (const metric of metrics) {
    const before = latest.get(metric.key);
    if (!before || isLater(metric, before)) latest.set(metric.key, metric);
  }
  for (const metric of latest.values())
    await trx
      .insertInto('latest_metrics')
      .values(metricRow(runId, metric))
      .onConflict((oc) =>
        oc
          .columns(['run_uuid', 'key'])
          .doUpdateSet({
            value: (eb) => eb.ref('excluded.value'),
            is_nan: (eb) => eb.ref('excluded.is_nan'),
            timestamp: (eb) => eb.ref('excluded.timestamp'),
            step: (eb) => eb.ref('excluded.step'),
          })
          .where(
            sql<boolean>`excluded.step > latest_metrics.step or (excluded.step = latest_metrics.step and (excluded.timestamp > latest_metrics.timestamp or (excluded.timestamp = latest_metrics.timestamp and excluded.value > latest_metrics.value)))`,
          ),
      )
      .execute();
}

async function writeParam(trx: Kysely<Database>, runId: string, param: Param): Promise<void> {
  await trx
    .insertInto('params')
    .values({ run_uuid: runId, key: param.key, value: param.value })
    .onConflict((oc) => oc.columns(['run_uuid', 'key']).doNothing())
    .execute();
  const stored = await trx
    .selectFrom('params')
    .select('value')
    .where('run_uuid', '=', runId)
    .where('key', '=', param.key)
    .executeTakeFirstOrThrow();
  if (stored.value !== param.value)
    throw new AmlopsError(
      'INVALID_STATE',
      `param '${param.key}' of run '${runId}' was logged already with value '${stored.value}'; params are written once (got '${param.value}')`,
      { key: param.key, oldValue: stored.value, newValue: param.value },
    );
}

async function writeTag(trx: Kysely<Database>, runId: string, tag: Tag): Promise<void> {
  await trx
    .insertInto('tags')
    .values({ run_uuid: runId, key: tag.key, value: tag.value })
    .onConflict((oc) => oc.columns(['run_uuid', 'key']).doUpdateSet({ value: tag.value }))
    .execute();
  if (tag.key === RUN_NAME_TAG)
    await trx.updateTable('runs').set({ name: tag.value }).where('run_uuid', '=', runId).execute();
}

/**
 * Writes metrics, params and tags of an active run in one transaction: all or nothing.
 *
 * @example
 * await logBatch(ctx, runId, { metrics: [{ key: 'auc', value: 0.9, timestamp: Date.now(), step: 0 }] });
 */
export async function logBatch(ctx: SqlStoreContext, runId: string, input: LogBatchInput): Promise<void> {
  const metrics = input.metrics ?? [];
  const params = input.params ?? [];
  const tags = input.tags ?? [];
  if (metrics.length > TRACKING_LIMITS.maxMetricsPerBatch)
    throw new AmlopsError('USAGE', `a batch may hold at most ${TRACKING_LIMITS.maxMetricsPerBatch} metrics`);
  // As MLflow: at most 100 params and, separately, at most 100 tags.
  if (params.length > TRACKING_LIMITS.maxParamsTagsPerBatch)
    throw new AmlopsError(
      'USAGE',
      `a batch may hold at most ${TRACKING_LIMITS.maxParamsTagsPerBatch} params`,
    );
  if (tags.length > TRACKING_LIMITS.maxParamsTagsPerBatch)
    throw new AmlopsError('USAGE', `a batch may hold at most ${TRACKING_LIMITS.maxParamsTagsPerBatch} tags`);
  if (metrics.length + params.length + tags.length > TRACKING_LIMITS.maxEntitiesPerBatch)
    throw new AmlopsError(
      'USAGE',
      `a batch may hold at most ${TRACKING_LIMITS.maxEntitiesPerBatch} entities`,
    );
  metrics.forEach(checkMetric);
  params.forEach(checkParam);
  tags.forEach(checkTag);
  const seen = new Map<string, string>();
  for (const param of params) {
    const before = seen.get(param.key);
    if (before !== undefined && before !== param.value)
      throw new AmlopsError('USAGE', `the batch logs param '${param.key}' twice with different values`);
    seen.set(param.key, param.value);
  }
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    await runRow(trx, runId, true);
    for (const param of params) await writeParam(trx, runId, param);
    await writeMetrics(trx, runId, metrics);
    for (const tag of tags) await writeTag(trx, runId, tag);
  });
}

/**
 * Removes a tag; NOT_FOUND when the run has no such tag.
 *
 * @example
 * await deleteTag(ctx, runId, 'stage');
 */
export async function deleteTag(ctx: SqlStoreContext, runId: string, key: string): Promise<void> {
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    await runRow(trx, runId, true);
    const result = await trx
      .deleteFrom('tags')
      .where('run_uuid', '=', runId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n)
      throw new AmlopsError('NOT_FOUND', `run '${runId}' has no tag '${key}'`);
  });
}

/**
 * Every measurement of one metric, by step then timestamp.
 *
 * @example
 * const history = await getMetricHistory(ctx, runId, 'loss'); // [{ key: 'loss', step: 0, … }, …]
 */
export async function getMetricHistory(ctx: SqlStoreContext, runId: string, key: string): Promise<Metric[]> {
  await runRow(ctx.db, runId, false);
  const rows = await ctx.db
    .selectFrom('metrics')
    .selectAll()
    .where('run_uuid', '=', runId)
    .where('key', '=', key)
    .orderBy('step')
    .orderBy('timestamp')
    .orderBy('id')
    .execute();
  return rows.map((m) => ({
    key: m.key,
    value: m.is_nan ? Number.NaN : Number(m.value),
    timestamp: Number(m.timestamp),
    step: Number(m.step),
  }));
}
