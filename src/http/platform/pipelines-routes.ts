import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { FINAL_STATES, PIPELINE_STATES, type PipelineState } from '../../core/pipeline-runs/index.js';
import { scheduleSummary } from '../../core/schedule/index.js';
import { cancelPipelineRun } from '../../pipelines/cancel-pipeline-run.js';
import { retryPipelineRun } from '../../pipelines/retry-pipeline-run.js';
import { startPipelineRun } from '../../pipelines/start-pipeline-run.js';
import type { PipelineRunStore, PipelineStepRow } from '../../ports/pipeline-run-store.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import type { PlatformPipelines } from './platform-pipelines.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

const START_FIELDS = new Set(['flow', 'params']);

function states(query: Query): PipelineState[] | undefined {
  const asked = queryParam.list(query, 'state');
  if (asked.length === 0) return undefined;
  return asked.map((text) => {
    const state = PIPELINE_STATES.find((s) => s.toLowerCase() === text.toLowerCase());
    if (!state)
      throw new AmlopsError(
        'USAGE',
        `query parameter state must be among ${PIPELINE_STATES.join(', ')}; got '${text}'`,
      );
    return state;
  });
}

/** A step in a stable shape: times and error null when absent, and how long it took (null until it ends). */
function stepView(step: PipelineStepRow) {
  const startedAt = step.startedAt ?? null;
  const endedAt = step.endedAt ?? null;
  return {
    ...step,
    startedAt,
    endedAt,
    durationMs: startedAt !== null && endedAt !== null ? endedAt - startedAt : null,
    error: step.error ?? null,
  };
}

/** Who asked, on the run's log: the API key's name, or the client's address without keys. */
async function note(store: PipelineRunStore, request: FastifyRequest, runId: string, what: string) {
  const by = request.caller || `api:${request.ip}`;
  await store.appendLog(runId, { time: Date.now(), step: '', level: 'info', message: `${what} by ${by}` });
}

/**
 * The pipeline runs of amlops' API (starting, retrying and cancelling need a `write` key):
 * - `GET /pipelines?flow=&state=&max_results=&page_token=` → `{runs, nextPageToken?}`, newest first
 *   (`state` repeated or comma-separated; `max_results` 1-1000, default 100);
 * - `GET /pipelines/:id` → `{run, steps}`: each step `{runId, name, state, attempt, startedAt,
 *   endedAt, durationMs, error, output?}` (times, duration and error null until known);
 * - `GET /pipelines/:id/logs?after_seq=&max_results=` → `{lines, lastSeq, state, ended}`: the lines
 *   after `after_seq` (at most `max_results`, default 1000); poll again with `after_seq=lastSeq`
 *   until `ended` and no line comes;
 * - `POST /pipelines` `{"flow", "params"?}` → 202 `{run}`: queued for the deployment's runner
 *   (`amlops worker`s on PostgreSQL, `amlops up` on SQLite; PIPELINE_START_UNAVAILABLE under
 *   `amlops serve` on SQLite); who asked is on the run's log;
 * - `POST /pipelines/:id/retry` → 202 `{run}`: a run that ended Failed, TimedOut, Cancelled or
 *   Crashed, queued again from its failed step;
 * - `POST /pipelines/:id/cancel` → `{run}`: one not yet taken is Cancelled at once, a running one
 *   at its runner's next heartbeat, one that ended is left as it is;
 * - `GET /schedules` → `{schedules, fired}`: `pipelines.schedules` (and the monitor flow's) with
 *   `nextAt`, and whether this deployment fires them (`amlops up` does).
 *
 * @example
 * registerPipelinesRoutes(api, options);
 */
export function registerPipelinesRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const pipelines = (): PlatformPipelines => {
    if (!options.pipelines) throw new AmlopsError('USAGE', 'this server keeps no pipeline runs');
    return options.pipelines;
  };
  app.get<{ Querystring: Query }>('/pipelines', async (request) => {
    const q = request.query;
    const flow = queryParam.one(q, 'flow');
    const inStates = states(q);
    const pageToken = queryParam.one(q, 'page_token');
    const page = await pipelines().store.listRuns({
      ...(flow !== undefined ? { flow } : {}),
      ...(inStates ? { states: inStates } : {}),
      maxResults: queryParam.integer(q, 'max_results', 1, 1000) ?? 100,
      ...(pageToken !== undefined ? { pageToken } : {}),
    });
    return { runs: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
  });
  app.get<{ Params: { id: string } }>('/pipelines/:id', async (request) => {
    const { store } = pipelines();
    const run = await store.getRun(request.params.id);
    return { run, steps: (await store.listSteps(run.id)).map(stepView) };
  });
  app.get<{ Params: { id: string }; Querystring: Query }>('/pipelines/:id/logs', async (request) => {
    const { store } = pipelines();
    const afterSeq = queryParam.integer(request.query, 'after_seq', 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const maxResults = queryParam.integer(request.query, 'max_results', 1, 10_000) ?? 1000;
    // The state first: once it is final, the lines read after it are all the run will have.
    const { state } = await store.getRun(request.params.id);
    const lines = await store.listLogs(request.params.id, { afterSeq, maxResults });
    return { lines, lastSeq: lines.at(-1)?.seq ?? afterSeq, state, ended: FINAL_STATES.has(state) };
  });
  app.post<{ Body: unknown }>('/pipelines', async (request, reply) => {
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body))
      throw new AmlopsError(
        'USAGE',
        'the body must be a JSON object such as {"flow": "train", "params": {}}',
      );
    const { flow, params = {} } = body as Record<string, unknown>;
    for (const key of Object.keys(body))
      if (!START_FIELDS.has(key))
        throw new AmlopsError('USAGE', `unknown field "${key}"; fields: ${[...START_FIELDS].join(', ')}`);
    if (typeof flow !== 'string' || flow.trim() === '')
      throw new AmlopsError('USAGE', '"flow" must name a flow, such as "train"');
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw new AmlopsError(
        'PIPELINE_PARAMS_INVALID',
        '"params" must be a JSON object, such as {"preset": "original"}',
      );
    const parameters = params as Record<string, unknown>;
    // An unknown flow or bad parameters are told before whether this server can start runs at all.
    (await pipelines().deps()).flows.get(flow).checkParams?.(parameters);
    const deps = await pipelines().deps({ queue: true });
    const { run } = await startPipelineRun(deps, flow, parameters, { queue: true });
    await note(deps.store, request, run.id, 'started through the API');
    return reply.code(202).send({ run });
  });
  app.post<{ Params: { id: string } }>('/pipelines/:id/retry', async (request, reply) => {
    const { store } = pipelines();
    await store.getRun(request.params.id);
    const deps = await pipelines().deps({ queue: true });
    const { run } = await retryPipelineRun(deps, request.params.id, { queue: true });
    await note(store, request, run.id, `retry (attempt ${run.attempt + 1}) asked through the API`);
    return reply.code(202).send({ run });
  });
  app.post<{ Params: { id: string } }>('/pipelines/:id/cancel', async (request) => {
    const { store } = pipelines();
    const before = await store.getRun(request.params.id);
    const run = await cancelPipelineRun(await pipelines().deps(), before.id);
    if (!FINAL_STATES.has(before.state)) await note(store, request, run.id, 'cancel asked through the API');
    return { run };
  });
  app.get('/schedules', async () => {
    const { schedules, fired } = await pipelines().schedules();
    const now = Date.now();
    return { schedules: schedules.map((s) => scheduleSummary(s, now)), fired };
  });
}
