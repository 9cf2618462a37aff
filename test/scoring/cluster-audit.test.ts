import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { type ScoringServerHarness, scoringServerHarness } from '../http/scoring/scoring-server-harness.js';
import { EXAMPLE_BODY, trainTestBundle } from './scoring-test-kit.js';

// The built CLI, as installed (npm test builds dist/ first): a node cluster re-runs its entry file.
const BIN = fileURLToPath(new URL('../../bin/amlops.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/bundle/cli.js', import.meta.url));

let h: ScoringServerHarness;
let child: ChildProcess | undefined;
/** Every `amlops serve` started, so that one a failed test left running is stopped too. */
const serves: ChildProcess[] = [];
beforeAll(async () => {
  h = await scoringServerHarness();
  await h.publish(trainTestBundle(), 'production');
});
afterAll(async () => {
  for (const serve of serves) if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGKILL');
  await h.close();
});

/** What the running `amlops serve` printed (both streams), shown when a step waits too long. */
let output = '';

/**
 * Waits for `promise` at most `ms`; past that, fails naming the step and showing what the server
 * printed, so that a hang says where it was.
 */
async function within<T>(step: string, promise: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`${step}: not done in ${ms} ms; amlops serve printed:\n${output || '(nothing)'}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts `amlops serve --workers 2` on a free port; resolves with its URL once every worker listens. */
function serveCluster(env: Record<string, string> = {}): Promise<string> {
  output = '';
  // One a failed step left running would hold the store's spool: it goes first.
  for (const serve of serves) if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGKILL');
  child = spawn(process.execPath, [BIN, 'serve', '--home', h.home, '--port', '0', '--workers', '2'], {
    env: { ...process.env, AMLOPS_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serves.push(child);
  child.stdout!.on('data', (d) => {
    output += d;
  });
  const started = new Promise<string>((resolve, reject) => {
    // The banner goes to stderr, as every message of the CLI that is not a result.
    child!.stderr!.on('data', (d) => {
      output += d;
      const url = /scoring API on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child!.on('exit', (code) => reject(new Error(`amlops serve exited with ${code}: ${output}`)));
  });
  return within('amlops serve --workers 2 starting', started, 20_000);
}

/** Sends SIGTERM and resolves with the exit code once the cluster has stopped. */
function stopCluster(): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
  child!.kill('SIGTERM');
  return within('amlops serve stopping on SIGTERM', exited);
}

/** The audit records of this test's requests (those sent with an X-Request-Id starting with `prefix`). */
async function clusterCases(prefix = 'cluster-') {
  const log = await openAuditLog(`sqlite:${h.home}/amlops.db`);
  try {
    return (await log.list({ maxResults: 10_000 })).items.filter((c) =>
      c.clientRequestId?.startsWith(prefix),
    );
  } finally {
    await log.close();
  }
}

/**
 * A request on a connection of its own (fetch keeps one open, and so reaches one worker): the
 * primary hands new connections to the workers in turn.
 */
function onNewConnection(
  url: string,
  method: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        // A worker killed mid-answer: the answer never ends.
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('answer cut short')));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('amlops serve with two workers', () => {
  it('audits every case once through the spool and the primary’s writer, takes feedback on a case just scored, and stops cleanly on SIGTERM', async () => {
    expect(existsSync(BUILT), 'dist/ is built by npm test (npm run build)').toBe(true);
    const url = await serveCluster();
    // Each worker runs with the configured young generation (server.workerSemiSpaceMb, 8 by default).
    for (const pid of readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8')
      .trim()
      .split(' '))
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=8');
    const answers = await within(
      '60 requests to /predict',
      Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fetch(`${url}/predict`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': `cluster-${i}` },
            body: JSON.stringify(EXAMPLE_BODY),
          }).then(async (r) => ({
            status: r.status,
            requestId: ((await r.json()) as { request_id: string }).request_id,
          })),
        ),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // Each request has the server's id, whichever worker answered it.
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(60);
    // An analyst's conclusion on a case scored a moment ago is taken: the worker asks the primary to write the spool now.
    const feedback = await within(
      'a conclusion through /feedback',
      fetch(`${url}/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          request_id: answers[59]!.requestId,
          row: 0,
          conclusion: 'REPORTED',
          analyst: 'ana',
        }),
      }),
    );
    expect(feedback.status, await feedback.clone().text()).toBe(201);
    const concluded = (await feedback.json()) as { feedback: { request_id: string } };
    expect(concluded.feedback.request_id).toBe(answers[59]!.requestId);
    const rowsPerRequest = EXAMPLE_BODY.risk_pld.length;
    // The workers' /metrics say how far the writer is.
    const deadline = Date.now() + 20_000;
    let written = 0;
    let metrics = '';
    while (Date.now() < deadline) {
      // The writer commits before it reports: cases counted in the metrics are in the store.
      metrics = await within(
        'a scrape of /metrics',
        fetch(`${url}/metrics`).then((r) => r.text()),
      );
      written = (await within('reading the audit log', clusterCases())).length;
      if (metrics.includes(`\namlops_audit_spool_written_total ${60 * rowsPerRequest}\n`)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(written).toBe(60 * rowsPerRequest);
    expect(metrics).toMatch(/^amlops_audit_spool_backlog_bytes 0$/m);
    expect(metrics).toContain(`\namlops_audit_spool_written_total ${60 * rowsPerRequest}\n`);
    expect(await stopCluster()).toBe(0);

    const cases = await clusterCases();
    expect(cases).toHaveLength(60 * rowsPerRequest);
    expect(new Set(cases.map((c) => `${c.requestId}/${c.row}`)).size).toBe(60 * rowsPerRequest);
    expect(new Set(cases.map((c) => c.requestId))).toEqual(new Set(answers.map((a) => a.requestId)));
    // Through the workers' spools to the store, each case with the X-Request-Id it was sent with.
    const sentAs = new Map(answers.map((a, i) => [a.requestId, `cluster-${i}`]));
    expect(cases.every((c) => c.clientRequestId === sentAs.get(c.requestId))).toBe(true);
    expect(cases.every((c) => c.modelVersion === '1' && c.score > 0 && c.score < 1)).toBe(true);
  });

  it('answers /metrics with every worker counted, whichever worker takes the scrape', async () => {
    const url = await serveCluster();
    const predictions = 30;
    for (let i = 0; i < predictions; i++) {
      const answer = await onNewConnection(`${url}/predict`, 'POST', JSON.stringify(EXAMPLE_BODY));
      expect(answer.status).toBe(200);
    }
    const counts: number[] = [];
    for (let scrape = 0; scrape < 6; scrape++) {
      const text = (await onNewConnection(`${url}/metrics`, 'GET')).body;
      const perVersion = [...text.matchAll(/^amlops_predictions_total\{[^}]*\} (\d+)$/gm)].map((m) =>
        Number(m[1]),
      );
      counts.push(perVersion.reduce((a, b) => a + b, 0));
    }
    expect(counts).toEqual(Array(6).fill(predictions * EXAMPLE_BODY.risk_pld.length));
    expect(await stopCluster()).toBe(0);
  });

  it('a worker killed right after answering has every answered case in its spool file', async () => {
    const url = await serveCluster();
    const post = (i: number) =>
      fetch(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `crash-${i}` },
        body: JSON.stringify(EXAMPLE_BODY),
      }).then((r) => r.status);
    const statuses = await within(
      '40 requests to /predict',
      Promise.all(Array.from({ length: 40 }, (_, i) => post(i))),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Both workers die at once, no time to write anything out; the primary starts others.
    const workers = readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8').trim().split(' ');
    expect(workers).toHaveLength(2);
    for (const pid of workers) process.kill(Number(pid), 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await stopCluster()).toBe(0);
    const cases = await clusterCases('crash-');
    expect(cases).toHaveLength(40 * EXAMPLE_BODY.risk_pld.length);
  });

  it('a worker killed in the middle of a burst: every case answered 200, before and after the kill, is in the audit log', async () => {
    const url = await serveCluster();
    /** Request ids answered 200; connections cut by the kill fail on the client's side, unanswered. */
    const answered: string[] = [];
    let failed = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const answer = await onNewConnection(`${url}/predict`, 'POST', JSON.stringify(EXAMPLE_BODY)).catch(
          () => undefined,
        );
        if (answer?.status === 200)
          answered.push((JSON.parse(answer.body) as { request_id: string }).request_id);
        else failed += 1;
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const workers = readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8').trim().split(' ');
    const killedAt = answered.length;
    process.kill(Number(workers[0]), 'SIGKILL');
    // The other worker (and the one the primary starts instead) go on answering.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop = true;
    await Promise.all(clients);
    expect(killedAt).toBeGreaterThan(10);
    expect(answered.length).toBeGreaterThan(killedAt);
    expect(await stopCluster()).toBe(0);
    const log = await openAuditLog(`sqlite:${h.home}/amlops.db`);
    const recorded = new Set((await log.list({ maxResults: 100_000 })).items.map((c) => c.requestId));
    await log.close();
    expect(answered.filter((id) => !recorded.has(id))).toEqual([]);
    // At most the requests in flight at the kill were scored without an answer reaching the client.
    expect(failed).toBeLessThan(50);
  });
});
