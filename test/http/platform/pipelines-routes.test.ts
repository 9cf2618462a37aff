import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPipelineRunStore } from '../../../src/adapters/sql/pipeline-runs-open.js';
import { AmlopsError } from '../../../src/core/errors/index.js';
import { startEmbeddedPipelines } from '../../../src/main/worker.js';
import { FlowRegistry } from '../../../src/pipelines/flow-registry.js';
import { FakeSchedulerClock } from '../../pipelines/fake-scheduler-clock.js';
import { eventually, untilAborted } from '../../pipelines/pipeline-test-kit.js';
import { type ScoringServerHarness, scoringServerHarness } from '../scoring/scoring-server-harness.js';

// The pipeline routes of a server over the SQLite store, as `amlops up` runs it: the API starts runs
// as Scheduled rows, the embedded runner (here in the same process, as the primary of `amlops up`)
// takes them from the store and runs them; the routes then read what the runs did.

let preparations = 0;
let flakyAttempts = 0;
const flows = new FlowRegistry()
  .register({
    name: 'refresh',
    description: 'counts its parameters',
    checkParams: (params) => {
      if ('bad' in params)
        throw new AmlopsError('PIPELINE_PARAMS_INVALID', "'bad' is no parameter of refresh");
    },
    steps: (params) => [
      {
        name: 'count',
        run: async (context) => {
          context.log('counting', { keys: Object.keys(params) });
          return Object.keys(params).length;
        },
      },
    ],
  })
  .register({
    name: 'flaky',
    description: 'fails its first attempt at its second step',
    steps: () => [
      {
        name: 'prepare',
        run: async () => {
          preparations += 1;
          return 'prepared';
        },
      },
      {
        name: 'flake',
        run: async () => {
          flakyAttempts += 1;
          if (flakyAttempts === 1) throw new AmlopsError('USAGE', 'the first attempt fails');
          return 'done';
        },
      },
    ],
  })
  .register({
    name: 'slow',
    description: 'waits until cancelled',
    steps: () => [{ name: 'wait', run: (context) => untilAborted(context.signal) }],
  });

const SCHEDULES = [
  { flow: 'refresh', intervalSeconds: 3600, params: { from: 'schedule' } },
  { flow: 'refresh', cron: '0 3 * * *', timezone: 'Europe/Madrid' },
];

let h: ScoringServerHarness;
let runner: Awaited<ReturnType<typeof startEmbeddedPipelines>>;

beforeAll(async () => {
  h = await scoringServerHarness({
    'pipelines.pollSeconds': 0.5,
    'pipelines.heartbeatSeconds': 0.1,
    'pipelines.schedules': SCHEDULES,
  });
  await h.server.app.close();
  await h.server.close();
  await h.open({ pipelines: { flows: async () => flows, startedByUp: true } });
  runner = await startEmbeddedPipelines(h.config, {
    cwd: h.home,
    flows,
    // Still: no schedule fires during the test.
    clock: new FakeSchedulerClock(Date.parse('2026-06-01T08:05:00Z')),
    warn: () => {},
  });
});
afterAll(async () => {
  await runner?.stop();
  await h?.close();
});

const get = (url: string) => h.server.app.inject({ method: 'GET', url });
const post = (url: string, payload: unknown = {}) =>
  h.server.app.inject({ method: 'POST', url, payload: payload as object });
const runOf = async (id: string) => (await get(`/api/v1/pipelines/${id}`)).json().run;
const ended = (id: string, state: string) => eventually(async () => (await runOf(id)).state === state);

describe('pipeline runs through /api/v1, on the SQLite store under `amlops up`', () => {
  it('starts a run, which the runner takes from the store; shows it with its steps and its logs, followed by polling', async () => {
    const started = await post('/api/v1/pipelines', { flow: 'refresh', params: { a: 1, b: 2 } });
    expect(started.statusCode, started.body).toBe(202);
    const { run } = started.json();
    expect(run).toMatchObject({ flow: 'refresh', params: { a: 1, b: 2 }, state: 'Scheduled', attempt: 0 });

    // Followed as a client would, from the first line on, until the run ends and no line comes.
    const seen: { seq: number; message: string }[] = [];
    let after = 0;
    for (;;) {
      const page = await get(`/api/v1/pipelines/${run.id}/logs?after_seq=${after}`);
      expect(page.statusCode, page.body).toBe(200);
      const { lines, lastSeq, ended: over } = page.json();
      seen.push(...lines);
      expect(lastSeq).toBe(lines.at(-1)?.seq ?? after);
      after = lastSeq;
      if (over && lines.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const messages = seen.map((line) => line.message);
    expect(messages).toContain('started through the API by api:127.0.0.1');
    expect(messages).toContain('counting');
    expect(seen.map((line) => line.seq)).toEqual([...seen.map((line) => line.seq)].sort((x, y) => x - y));
    expect(new Set(seen.map((line) => line.seq)).size).toBe(seen.length);

    const shown = await get(`/api/v1/pipelines/${run.id}`);
    expect(shown.statusCode).toBe(200);
    const { run: done, steps } = shown.json();
    expect(done).toMatchObject({ id: run.id, state: 'Completed', attempt: 1, error: null, failedStep: null });
    expect(done.endedAt).toBeGreaterThanOrEqual(done.startedAt);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ name: 'count', state: 'Completed', attempt: 1, output: 2 });
    expect(steps[0].durationMs).toBe(steps[0].endedAt - steps[0].startedAt);
    const last = await get(`/api/v1/pipelines/${run.id}/logs?after_seq=${after}`);
    expect(last.json()).toEqual({ lines: [], lastSeq: after, state: 'Completed', ended: true });
  });

  it('lists runs newest first, by flow and state, page by page', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const res = await post('/api/v1/pipelines', { flow: 'refresh', params: { n } });
      ids.push(res.json().run.id);
    }
    for (const id of ids) await ended(id, 'Completed');
    const all = await get('/api/v1/pipelines?flow=refresh&state=completed,Failed');
    expect(all.statusCode).toBe(200);
    const listed = all.json().runs.map((r: { id: string }) => r.id);
    expect(listed.slice(0, 3)).toEqual([...ids].reverse());
    expect(listed).toHaveLength(4);
    expect(all.json().nextPageToken).toBeUndefined();

    const pages: string[] = [];
    let token: string | undefined;
    do {
      const page = await get(
        `/api/v1/pipelines?flow=refresh&max_results=3${token ? `&page_token=${encodeURIComponent(token)}` : ''}`,
      );
      pages.push(...page.json().runs.map((r: { id: string }) => r.id));
      token = page.json().nextPageToken;
    } while (token);
    expect(pages).toEqual(listed);
    expect((await get('/api/v1/pipelines?state=Failed')).json()).toEqual({ runs: [] });
    expect((await get('/api/v1/pipelines?flow=nothing')).json()).toEqual({ runs: [] });
  });

  it('retries a failed run from its failed step, reusing what the steps before it made', async () => {
    const { run } = (await post('/api/v1/pipelines', { flow: 'flaky' })).json();
    await ended(run.id, 'Failed');
    const failed = (await get(`/api/v1/pipelines/${run.id}`)).json();
    expect(failed.run).toMatchObject({
      failedStep: 'flake',
      error: { code: 'USAGE', message: 'the first attempt fails' },
    });

    const retried = await post(`/api/v1/pipelines/${run.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(202);
    expect(retried.json().run).toMatchObject({ id: run.id, state: 'Scheduled', error: null });
    await ended(run.id, 'Completed');
    const { run: done, steps } = (await get(`/api/v1/pipelines/${run.id}`)).json();
    expect(done.attempt).toBe(2);
    // The step before the failed one is not run again: its record (and output) is the first attempt's.
    expect(steps[0]).toEqual(failed.steps[0]);
    expect(steps[1]).toMatchObject({ name: 'flake', state: 'Completed', output: 'done', error: null });
    expect(steps[1].startedAt).toBeGreaterThanOrEqual(failed.steps[1].endedAt);
    expect([preparations, flakyAttempts]).toEqual([1, 2]);
    const messages = (await get(`/api/v1/pipelines/${run.id}/logs`))
      .json()
      .lines.map((l: { message: string }) => l.message);
    expect(messages).toContain('retry (attempt 2) asked through the API by api:127.0.0.1');

    const again = await post(`/api/v1/pipelines/${run.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PIPELINE_RUN_NOT_RETRIABLE');
  });

  it('cancels a running run at its next heartbeat, and a queued one at once', async () => {
    const { run: running } = (await post('/api/v1/pipelines', { flow: 'slow' })).json();
    await ended(running.id, 'Running');
    // The runner takes one run at a time: this one waits, Scheduled, behind the slow one.
    const { run: waiting } = (await post('/api/v1/pipelines', { flow: 'refresh' })).json();
    const cancelledAtOnce = await post(`/api/v1/pipelines/${waiting.id}/cancel`);
    expect(cancelledAtOnce.statusCode, cancelledAtOnce.body).toBe(200);
    expect(cancelledAtOnce.json().run).toMatchObject({ state: 'Cancelled', cancelRequested: true });

    const asked = await post(`/api/v1/pipelines/${running.id}/cancel`);
    expect(asked.json().run).toMatchObject({ state: 'Running', cancelRequested: true });
    await ended(running.id, 'Cancelled');
    const { steps } = (await get(`/api/v1/pipelines/${running.id}`)).json();
    expect(steps[0]).toMatchObject({ name: 'wait', state: 'Cancelled' });
    // The cancelled queued run is never run.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await runOf(waiting.id)).toMatchObject({ state: 'Cancelled', attempt: 0, startedAt: null });
    // Cancelling a run that ended leaves it as it is.
    const late = await post(`/api/v1/pipelines/${running.id}/cancel`);
    expect(late.json().run.state).toBe('Cancelled');
  });

  it('lists the configured schedules with their next firing', async () => {
    const before = Date.now();
    const res = await get('/api/v1/schedules');
    expect(res.statusCode).toBe(200);
    const { schedules, fired } = res.json();
    expect(fired).toBe(true);
    expect(schedules).toMatchObject([
      {
        label: 'refresh@every 3600s',
        flow: 'refresh',
        params: { from: 'schedule' },
        cron: null,
        timezone: null,
        intervalSeconds: 3600,
      },
      {
        label: 'refresh@0 3 * * * (Europe/Madrid)',
        flow: 'refresh',
        params: {},
        cron: '0 3 * * *',
        timezone: 'Europe/Madrid',
        intervalSeconds: null,
      },
    ]);
    // On the hour (UTC), and 03:00 in Madrid (01:00 or 02:00 UTC), within the next day.
    expect(schedules[0].nextAt % 3_600_000).toBe(0);
    expect(schedules[0].nextAt).toBeGreaterThan(before);
    expect(schedules[0].nextAt - before).toBeLessThanOrEqual(3_600_000);
    expect([1, 2]).toContain(new Date(schedules[1].nextAt).getUTCHours());
    expect(schedules[1].nextAt - before).toBeLessThanOrEqual(86_400_000);
  });

  it('refuses bad input with a precise 4xx error, never a 5xx', async () => {
    const cases: [
      string,
      Promise<{ statusCode: number; json(): { error: { code: string; message: string } } }>,
      number,
      string,
      RegExp,
    ][] = [
      [
        'unknown flow',
        post('/api/v1/pipelines', { flow: 'nope' }),
        404,
        'PIPELINE_FLOW_UNKNOWN',
        /no flow named 'nope'; flows: flaky, refresh, slow/,
      ],
      ['no flow', post('/api/v1/pipelines', { params: {} }), 400, 'USAGE', /"flow" must name a flow/],
      ['flow not text', post('/api/v1/pipelines', { flow: 3 }), 400, 'USAGE', /"flow" must name a flow/],
      [
        'params a list',
        post('/api/v1/pipelines', { flow: 'refresh', params: [1] }),
        400,
        'PIPELINE_PARAMS_INVALID',
        /"params" must be a JSON object/,
      ],
      [
        'params refused by the flow',
        post('/api/v1/pipelines', { flow: 'refresh', params: { bad: 1 } }),
        400,
        'PIPELINE_PARAMS_INVALID',
        /'bad' is no parameter/,
      ],
      [
        'unknown field',
        post('/api/v1/pipelines', { flow: 'refresh', by: 'me' }),
        400,
        'USAGE',
        /unknown field "by"; fields: flow, params/,
      ],
      ['body a list', post('/api/v1/pipelines', [1]), 400, 'USAGE', /the body must be a JSON object/],
      [
        'unknown run',
        get('/api/v1/pipelines/no-such-run'),
        404,
        'NOT_FOUND',
        /no pipeline run with id 'no-such-run'/,
      ],
      ['logs of an unknown run', get('/api/v1/pipelines/no-such-run/logs'), 404, 'NOT_FOUND', /no-such-run/],
      [
        'retry of an unknown run',
        post('/api/v1/pipelines/no-such-run/retry'),
        404,
        'NOT_FOUND',
        /no-such-run/,
      ],
      [
        'cancel of an unknown run',
        post('/api/v1/pipelines/no-such-run/cancel'),
        404,
        'NOT_FOUND',
        /no-such-run/,
      ],
      [
        'negative after_seq',
        get('/api/v1/pipelines/x/logs?after_seq=-1'),
        400,
        'USAGE',
        /after_seq must be an integer from 0/,
      ],
      ['after_seq not a number', get('/api/v1/pipelines/x/logs?after_seq=abc'), 400, 'USAGE', /after_seq/],
      [
        'unknown state',
        get('/api/v1/pipelines?state=Done'),
        400,
        'USAGE',
        /state must be among Scheduled, .*; got 'Done'/,
      ],
      [
        'max_results 0',
        get('/api/v1/pipelines?max_results=0'),
        400,
        'USAGE',
        /max_results must be an integer from 1 to 1000/,
      ],
      ['foreign page token', get('/api/v1/pipelines?page_token=garbage'), 400, 'USAGE', /token/],
    ];
    for (const [name, answer, status, code, message] of cases) {
      const res = await answer;
      expect(res.statusCode, name).toBe(status);
      expect(res.json().error.code, name).toBe(code);
      expect(res.json().error.message, name).toMatch(message);
    }
  });
});

describe('pipeline runs through /api/v1 under `amlops serve` on SQLite', () => {
  it('says why it cannot start or retry a run and what to do instead, and still lists, shows and cancels', async () => {
    const serve = await scoringServerHarness();
    try {
      await serve.server.app.close();
      await serve.server.close();
      await serve.open({ pipelines: { flows: async () => flows } });
      const app = serve.server.app;
      const started = await app.inject({
        method: 'POST',
        url: '/api/v1/pipelines',
        payload: { flow: 'refresh' },
      });
      expect(started.statusCode).toBe(409);
      expect(started.json().error).toMatchObject({
        code: 'PIPELINE_START_UNAVAILABLE',
        message: expect.stringMatching(
          /runs started through the API are run by `amlops up`.*amlops pipelines run FLOW/,
        ),
      });
      // An unknown flow is told first.
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/pipelines',
        payload: { flow: 'nope' },
      });
      expect(unknown.json().error.code).toBe('PIPELINE_FLOW_UNKNOWN');
      expect((await app.inject({ method: 'GET', url: '/api/v1/pipelines' })).json()).toEqual({ runs: [] });

      // A run a CLI queued in this store: shown, and cancelled at once, though none can be started here.
      const schedules = await app.inject({ method: 'GET', url: '/api/v1/schedules' });
      expect(schedules.json()).toEqual({ schedules: [], fired: false });
      const store = await openPipelineRunStore(`sqlite:${join(serve.home, 'amlops.db')}`);
      const queued = await store.createRun({ flow: 'refresh', state: 'Scheduled' });
      await store.close();
      const retried = await app.inject({
        method: 'POST',
        url: `/api/v1/pipelines/${queued.id}/retry`,
        payload: {},
      });
      expect(retried.json().error.code).toBe('PIPELINE_START_UNAVAILABLE');
      const cancelled = await app.inject({
        method: 'POST',
        url: `/api/v1/pipelines/${queued.id}/cancel`,
        payload: {},
      });
      expect(cancelled.json().run).toMatchObject({ id: queued.id, state: 'Cancelled' });
      const lines = (await app.inject({ method: 'GET', url: `/api/v1/pipelines/${queued.id}/logs` })).json()
        .lines;
      expect(lines.map((l: { message: string }) => l.message)).toEqual([
        'cancel asked through the API by api:127.0.0.1',
      ]);
    } finally {
      await serve.close();
    }
  });
});
