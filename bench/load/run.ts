// `npm run bench:load` [-- --rate 1000 --seconds 60]: the scale-out deployment on this machine
// (test/cluster's harness: PostgreSQL, S3, one worker, two `amlops serve` replicas, nginx in front)
// under a constant request rate through nginx for `--seconds`, one case per request, with a
// promotion at a quarter of the run and a rolling restart of both replicas (SIGTERM, start again,
// one after the other, each once nginx sends it traffic again) from half of it. Reports the achieved rate, p50/p99/p99.9 latency from when
// each request was due, failures by status, and the cases answered 200 against the cases the
// audit log holds afterwards: every answered one must be there.
import { availableParallelism } from 'node:os';
import { startCluster } from '../../test/cluster/cluster-harness.js';
import { FAST_PARAMS, queueTraining, uploadCases, waitForRun } from '../../test/cluster/cluster-training.js';
import { predictRequestsServed, waitUntilServing } from '../../test/cluster/scoring-client.js';
import { openLoop, quantile } from './open-loop.js';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RATE = flag('rate', 1000);
const SECONDS = flag('seconds', 60);
const MODEL = 'consumers-laundering-model';
const BODY = JSON.stringify({
  total_outcome_dollar_amount: [2109.19],
  total_income_dollar_amount: [1305.06],
  risk_pld: ['HIGH'],
});
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const cluster = await startCluster({ workers: 1, replicas: 2 });
// Interrupted: the cluster's processes go too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void cluster.stop().finally(() => process.exit(130));
  });
let loadEnded = false;
try {
  log('cluster started; training two versions through the queue');
  const data = await uploadCases(cluster, { rows: 3000, seed: 1 });
  const done = (run: { state: string }) =>
    ['Completed', 'Failed', 'Cancelled', 'TimedOut'].includes(run.state);
  const first = await waitForRun(
    cluster,
    await queueTraining(cluster, { data, params: FAST_PARAMS, promote: true }),
    done,
  );
  const second = await waitForRun(
    cluster,
    await queueTraining(cluster, { data, params: FAST_PARAMS, seed: 7, promote: false }),
    done,
  );
  if (first.state !== 'Completed' || second.state !== 'Completed')
    throw new Error(`training failed: ${JSON.stringify([first, second])}`);
  await Promise.all(cluster.replicas.map((replica) => waitUntilServing(replica.url, '1')));

  const events: string[] = [];
  let restart: Promise<void> | undefined;
  let promotion: Promise<void> | undefined;
  log(`load: ${RATE} requests/s for ${SECONDS} s through nginx`);
  const result = await openLoop(`${cluster.url}/predict`, BODY, {
    perSecond: RATE,
    seconds: SECONDS,
    onSecond: (second) => {
      if (second === Math.floor(SECONDS / 4))
        promotion = cluster
          .amlops('models', 'promote', MODEL, '2', '--reason', 'bench:load', '--force')
          .then((r) => {
            events.push(`${second} s: promotion of version 2 (exit ${r.code})`);
          });
      if (second === Math.floor(SECONDS / 2))
        restart = (async () => {
          // As docs/deploy.md says: the next replica stops only once nginx sends requests to the
          // restarted one again (after a refused connection nginx leaves a replica out for fail_timeout).
          for (const replica of cluster.replicas) {
            const stopped = await replica.stop();
            await replica.start();
            await waitUntilServing(replica.url, '2');
            const served = await predictRequestsServed(replica.url);
            while (!loadEnded && (await predictRequestsServed(replica.url)) <= served)
              await new Promise((resolve) => setTimeout(resolve, 200));
            if (loadEnded)
              throw new Error(
                `the load ended before nginx sent replica ${replica.name} traffic again: run longer`,
              );
            events.push(
              `${second} s+: replica ${replica.name} restarted (stopped with ${stopped}) and taking traffic again`,
            );
          }
        })();
    },
  });
  loadEnded = true;
  await promotion;
  await restart;
  // Every replica has written its spool once stopped: stop both, then count.
  for (const replica of cluster.replicas) await replica.stop();
  const [{ n }] = await cluster.query<{ n: string }>('select coalesce(sum(cases), 0) as n from audit_parts');
  const recorded = new Set(
    (await cluster.query<{ request_id: string }>('select distinct request_id from audit_predictions')).map(
      (r) => r.request_id,
    ),
  );
  const missing = result.answered.filter((id) => !recorded.has(id)).length;
  const failed = Object.values(result.failures).reduce((a, b) => a + b, 0);
  const ms = (q: number) => quantile(result.latenciesMs, q).toFixed(2);
  const report = {
    cores: availableParallelism(),
    rate: RATE,
    seconds: SECONDS,
    achieved: Math.round(result.sent / result.seconds),
    answered200: result.answered.length,
    p50_ms: Number(ms(0.5)),
    p99_ms: Number(ms(0.99)),
    p999_ms: Number(ms(0.999)),
    max_ms: Number(ms(1)),
    failures: result.failures,
    recordedCases: Number(n),
    answeredMissingFromAudit: missing,
    events,
  };
  process.stdout.write(
    [
      `constant ${RATE} requests/s for ${SECONDS} s through nginx to 2 replicas (${report.cores} cores): sent at ${report.achieved}/s`,
      `latency from when due: p50 ${ms(0.5)} ms, p99 ${ms(0.99)} ms, p99.9 ${ms(0.999)} ms, max ${ms(1)} ms`,
      `failed requests: ${failed} ${JSON.stringify(result.failures)}`,
      ...events,
      `audit: ${result.answered.length} answered 200, ${report.recordedCases} cases recorded, ${missing} answered and not recorded`,
      `BENCHJSON ${JSON.stringify(report)}`,
      '',
    ].join('\n'),
  );
  if (missing > 0 || failed > 0) process.exitCode = 1;
} finally {
  await cluster.stop();
}
