import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/core/synthetic/index.js';
import { freePort } from '../setup/free-port.js';
import { type PrometheusServer, startPrometheus } from '../setup/prometheus-server.js';
import { type MonitoringHome, monitoringHome, predictBody } from './monitoring-kit.js';

const BIN = fileURLToPath(new URL('../../bin/amlops.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/bundle/cli.js', import.meta.url));

let h: MonitoringHome | undefined;
let serve: ChildProcess | undefined;
let prometheus: PrometheusServer | undefined;
afterAll(async () => {
  await prometheus?.stop();
  if (serve?.exitCode === null) {
    const exited = new Promise((resolve) => serve!.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
  await h?.close();
});

function startServe(home: string, port: number): Promise<void> {
  serve = spawn(process.execPath, [BIN, 'serve', '--home', home, '--port', String(port), '--workers', '1'], {
    env: { ...process.env, AMLOPS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    serve!.stderr!.on('data', (d) => {
      err += d;
      if (/scoring API on/.test(err)) resolve();
    });
    serve!.on('exit', (code) => reject(new Error(`amlops serve exited with ${code}: ${err}`)));
  });
}

async function eventually<T>(read: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not seen in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Prometheus scraping amlops serve', () => {
  it("reads the production version's test ROC AUC, the drift share and the alerts back through Prometheus' query API", async () => {
    expect(existsSync(BUILT), 'dist/ is built by npm test (npm run build)').toBe(true);
    h = await monitoringHome({ AMLOPS_ALERTS_MIN_TEST_ROC_AUC: '0.5' });
    const trained = await h.run('train', {
      data: await h.write('cases.csv', generateCases({ rows: 4000, seed: 41 }).frame),
      preset: 'original',
    });
    const testRocAuc = (trained.outputs.evaluate as { metrics: Record<string, number> }).metrics
      .test_roc_auc!;
    const port = await freePort();
    await startServe(h.home, port);
    prometheus = await startPrometheus([`127.0.0.1:${port}`]);
    // Cases scored by the running server, then a live report over them.
    const cases = generateCases({ rows: 200, seed: 42 }).frame;
    const response = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(predictBody(cases, 0, 200)),
    });
    expect(response.status).toBe(200);
    const monitored = await eventually(async () => {
      const run = await h!.run('monitor');
      return (run.outputs.drift as { casesRead?: number }).casesRead === 200 ? run : undefined;
    });
    const share = (monitored.outputs.drift as { driftShare: number }).driftShare;
    const auc = await eventually(async () => (await prometheus!.query('amlops_model_test_roc_auc'))[0]);
    expect(auc.metric).toMatchObject({
      job: 'amlops',
      model_name: 'consumers-laundering-model',
      model_version: '1',
    });
    expect(auc.value).toBeCloseTo(testRocAuc, 12);
    const drift = await eventually(async () => (await prometheus!.query('amlops_drift_share'))[0]);
    expect(drift.value).toBe(share);
    const alerts = await prometheus.query('sum(amlops_alerts)');
    expect(alerts[0]?.value).toBeGreaterThan(0);
  });
});
