import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY } from '../scoring/scoring-test-kit.js';
import { answerProblems } from '../support/fuzz/answer-problems.js';
import type { FuzzedRequest } from '../support/fuzz/fuzzed-request.js';
import { fuzzedServerProcess } from '../support/fuzz/fuzzed-server-process.js';
import { hostileRequest } from '../support/fuzz/hostile-request.js';
import { hugeRequest } from '../support/fuzz/huge-request.js';

// Every route the server registers against hostile input (issue 16, fuzzing), sent over real HTTP
// to a server in a process of its own, whose memory is then its own. `npm test` runs a fixed seed
// and a bounded count (about 20 s); `npm run fuzz` sets AMLOPS_FUZZ_RUNS (runs of the
// hostile-request property per route; the huge-body property runs a sixth as often) much higher, and
// AMLOPS_FUZZ_SEED tries other inputs.
const RUNS = Number(process.env.AMLOPS_FUZZ_RUNS ?? 12);
const HUGE_RUNS = Math.max(1, Math.ceil(RUNS / 6));
const SEED = Number(process.env.AMLOPS_FUZZ_SEED ?? 16_007);
const MEMORY_MARGIN_BYTES = 50 * 1024 * 1024;

const server = await fuzzedServerProcess();
const predict = () =>
  server
    .send({
      method: 'POST',
      url: '/predict',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.from(JSON.stringify(EXAMPLE_BODY)),
    })
    .then((answer) => ({
      status: answer.statusCode,
      predictions: JSON.parse(answer.body).predictions as number[],
    }));

/** The known values for a route's API. */
function knownFor(route: { url: string }): string[] {
  return /mlflow|get-artifact|^\/api\/v1\//.test(route.url) ? server.known.tracking : server.known.scoring;
}

let before: Awaited<ReturnType<typeof predict>>;
let memoryBefore: NodeJS.MemoryUsage;

beforeAll(async () => {
  before = await predict();
  // Every route answers a few hostile requests first: what its first answers leave for good (compiled
  // code, prepared statements, the allocator's pools) is where the server starts, not what fuzzing leaks.
  for (const route of server.routes)
    for (const request of [
      ...fc.sample(hostileRequest(route, knownFor(route)), { seed: SEED - 1, numRuns: 2 }),
      ...fc.sample(hugeRequest(route, knownFor(route)), { seed: SEED - 1, numRuns: 1 }),
    ])
      await send(request);
  memoryBefore = await server.settledMemory();
}, 120_000);
afterAll(() => server.close());

/** Sends one request and fails with what is wrong with its answer. */
async function send(request: FuzzedRequest): Promise<void> {
  const started = performance.now();
  const answer = await server.send(request);
  const elapsedMs = performance.now() - started;
  expect(answerProblems(answer, elapsedMs, request.method), request.label).toEqual([]);
}

describe('every route against hostile requests', () => {
  it('fuzzes the routes the server registers, scoring, MLflow and /api/v1 among them', () => {
    const urls = server.routes.map((route) => route.url);
    expect(urls).toContain('/predict');
    expect(urls).toContain('/api/2.0/mlflow/runs/log-metric');
    expect(urls).toContain('/api/v1/runs/:id/artifacts/*');
  });

  for (const [index, route] of server.routes.entries()) {
    it(`${route.method} ${route.url}: no 5xx, no answer slower than 2 s, errors in shape and without internals`, async () => {
      // A seed of its own per route: /api/2.0/mlflow and /ajax-api/2.0/mlflow get different requests.
      const seed = SEED + index;
      await fc.assert(fc.asyncProperty(hostileRequest(route, knownFor(route)), send), {
        seed,
        numRuns: RUNS,
      });
      await fc.assert(fc.asyncProperty(hugeRequest(route, knownFor(route)), send), {
        seed,
        numRuns: HUGE_RUNS,
      });
    });
  }

  it('still scores the example as before, and memory is back within 50 MB of where it started', async () => {
    expect(before.status).toBe(200);
    expect(await predict()).toEqual(before);
    // The resident memory of the server's process, once its garbage is collected, from where the
    // warmed-up server started.
    const after = await server.settledMemory();
    const grown = (key: 'rss' | 'heapTotal' | 'heapUsed' | 'external') =>
      `${Math.round((after[key] - memoryBefore[key]) / 1024 / 1024)} MB`;
    const growth = `RSS grew by ${grown('rss')} (JavaScript heap ${grown('heapUsed')} used, ${grown('heapTotal')} reserved; buffers ${grown('external')})`;
    console.info(`fuzzed server, seed ${SEED}, ${RUNS} runs per route: ${growth}`);
    expect(after.rss - memoryBefore.rss, growth).toBeLessThan(MEMORY_MARGIN_BYTES);
  });
});
