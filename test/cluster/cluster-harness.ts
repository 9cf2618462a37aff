import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../setup/free-port.js';
import { type BuiltCli, snapshotBuiltCli } from './built-cli.js';
import { type ClusterPostgres, clusterPostgres } from './cluster-postgres.js';
import { type ClusterProcess, startClusterProcess } from './cluster-process.js';
import { type ClusterS3, clusterS3 } from './cluster-s3.js';
import { type NginxFront, startNginxFront } from './nginx-front.js';
import { type AmlopsResult, runAmlops } from './run-amlops.js';
import { type S3FaultProxy, startS3FaultProxy } from './s3-fault-proxy.js';
import { type ScoringReplica, scoringReplica } from './scoring-replica.js';

/** Which parts of the scale-out deployment a test needs (all of them by default). */
export interface ClusterOptions {
  /** `amlops worker` processes (default 2). */
  readonly workers?: number;
  /** `amlops serve` replicas (default 2, the most nginx's configuration has). */
  readonly replicas?: 0 | 1 | 2;
  /** nginx in front of the replicas (default: when there are two). */
  readonly nginx?: boolean;
  /** More environment for every process of the cluster (settings a test needs), last word. */
  readonly env?: Readonly<Record<string, string>>;
}

/** One `amlops worker` and the name it records on the pipeline runs it takes. */
export interface ClusterWorker {
  readonly name: string;
  readonly process: ClusterProcess;
}

/** The scale-out deployment running on 127.0.0.1, and what a test does with it. */
export interface Cluster {
  /** The environment every process of the cluster shares (store, artifacts, S3 endpoint, timings). */
  readonly env: Readonly<Record<string, string>>;
  readonly databaseUrl: string;
  /** The S3 server itself and the cluster's bucket; the cluster reaches it through `s3Proxy`. */
  readonly s3: ClusterS3;
  readonly s3Proxy: S3FaultProxy;
  /** A scratch directory of the test (data files). */
  readonly dir: string;
  readonly workers: ClusterWorker[];
  readonly replicas: readonly ScoringReplica[];
  /** nginx's URL ('' without nginx). */
  readonly url: string;
  /** Runs the built CLI with the cluster's environment. */
  amlops(...args: string[]): Promise<AmlopsResult>;
  /** Like `amlops`, but fails (with its output) unless the command exits 0; parses `--json` output. */
  amlopsJson<T = Record<string, unknown>>(...args: string[]): Promise<T>;
  /** One more `amlops worker`, added to `workers` once it takes runs. */
  startWorker(): Promise<ClusterWorker>;
  /** A query on the cluster's database, for what tests check. */
  query<Row extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  /** Stops every process this cluster started, then the servers, and removes its files. */
  stop(): Promise<void>;
}

/** Fast crash detection: a run is Crashed 4 s after its worker's last heartbeat (every 0.5 s). */
const PIPELINE_TIMINGS = {
  AMLOPS_PIPELINES_HEARTBEAT_SECONDS: '0.5',
  AMLOPS_PIPELINES_CRASH_AFTER_SECONDS: '4',
  AMLOPS_PIPELINES_POLL_SECONDS: '0.5',
};

/** The process environment without any amlops, database, S3 or AWS setting of the machine's. */
function cleanEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (
      value !== undefined &&
      !/^(AMLOPS_|AWS_|DATABASE_URL|ARTIFACTS_URI|S3_ENDPOINT|NODE_OPTIONS|VITEST)/.test(key)
    )
      env[key] = value;
  return env;
}

/**
 * Starts the scale-out deployment on this machine, everything on 127.0.0.1 at free ports: a
 * PostgreSQL database, an S3 bucket (behind a proxy that can make it unreachable), `amlops
 * migrate`, the workers, the replicas (`amlops serve`, each with its port and home, sharing the
 * database and the `s3://` artifact root) and nginx in front of them (deploy/nginx). Everything
 * started is stopped again when a step fails. The processes run a copy of the built CLI.
 *
 * @example
 * const cluster = await startCluster();
 * await cluster.amlops('models', 'versions');
 * await cluster.stop();
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const workerCount = options.workers ?? 2;
  const replicaCount = options.replicas ?? 2;
  const withNginx = options.nginx ?? replicaCount === 2;
  if (withNginx && replicaCount !== 2) throw new Error('nginx is configured for two replicas');

  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    // Newest first: nginx, replicas, workers before the stores they use.
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const dir = mkdtempSync(join(tmpdir(), 'amlops-cluster-'));
    stops.push(async () => rmSync(dir, { recursive: true, force: true }));
    const cli: BuiltCli = snapshotBuiltCli();
    stops.push(async () => cli.remove());
    // Each stopped even when the other fails to start.
    const [postgres, s3] = await Promise.all([
      clusterPostgres().then((started: ClusterPostgres) => {
        stops.push(() => started.stop());
        return started;
      }),
      clusterS3().then((started: ClusterS3) => {
        stops.push(() => started.stop());
        return started;
      }),
    ]);
    const s3Proxy = await startS3FaultProxy(s3.endpoint);
    stops.push(() => s3Proxy.close());
    const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
    stops.push(() => pool.end());

    const env: Record<string, string> = {
      ...cleanEnvironment(),
      AMLOPS_HOME: join(dir, 'cli-home'),
      AMLOPS_LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url,
      ARTIFACTS_URI: `s3://${s3.bucket}/amlops`,
      S3_ENDPOINT: s3Proxy.endpoint,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      AWS_REGION: 'us-east-1',
      ...PIPELINE_TIMINGS,
      // Replicas follow promotions by LISTEN/NOTIFY; polling (the fallback) is slowed down so that
      // a test of the 2 s bound cannot pass by polling alone.
      AMLOPS_SCORING_POLL_SECONDS: '60',
      ...options.env,
    };
    const homeOf = (name: string) => {
      const home = join(dir, name);
      mkdirSync(home, { recursive: true });
      return { ...env, AMLOPS_HOME: home };
    };
    const amlops = (...args: string[]) => runAmlops(cli.bin, args, env);

    const migrated = await amlops('migrate');
    if (migrated.code !== 0) throw new Error(`amlops migrate failed:\n${migrated.stdout}${migrated.stderr}`);

    const workers: ClusterWorker[] = [];
    let workerIndex = 0;
    const startWorker = async (): Promise<ClusterWorker> => {
      const label = `worker ${++workerIndex}`;
      const child = startClusterProcess(label, process.execPath, [cli.bin, 'worker'], homeOf(label));
      stops.push(() => child.stop());
      const banner = await child.waitForOutput(/^worker (\S+) taking pipeline runs/m, 60_000);
      const worker = { name: banner[1]!, process: child };
      workers.push(worker);
      return worker;
    };
    const ports = await Promise.all(Array.from({ length: replicaCount }, () => freePort()));
    const replicas = ports.map((port, i) => {
      const name = String.fromCharCode(97 + i);
      return scoringReplica(name, cli.bin, port, homeOf(`replica-${name}`));
    });
    for (const replica of replicas) stops.push(() => replica.stop());
    await Promise.all([
      ...Array.from({ length: workerCount }, () => startWorker()),
      ...replicas.map((replica) => replica.start()),
    ]);
    let nginx: NginxFront | undefined;
    if (withNginx) {
      nginx = await startNginxFront([ports[0]!, ports[1]!]);
      stops.push(() => nginx!.stop());
    }

    return {
      env,
      databaseUrl: postgres.url,
      s3,
      s3Proxy,
      dir,
      workers,
      replicas,
      url: nginx?.url ?? '',
      amlops,
      async amlopsJson<T>(...args: string[]) {
        const result = await amlops(...args, '--json');
        if (result.code !== 0)
          throw new Error(
            `amlops ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`,
          );
        return JSON.parse(result.stdout) as T;
      },
      startWorker,
      async query<Row extends Record<string, unknown>>(text: string, values: unknown[] = []) {
        return (await pool.query<Row>(text, values)).rows;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
