import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { type DestinationStream, pino } from 'pino';
import { answerClusterMetrics, clusterMetricsOfWorker } from '../adapters/cluster/cluster-metrics.js';
import { spoolDirOf } from '../adapters/spool/spool-files.js';
import { openAuditSpoolWriter } from '../adapters/threads/audit-spool-writer.js';
import type { AuditSpoolStatus } from '../adapters/threads/audit-spool-writer-messages.js';
import { type Config, databaseUrlOf } from '../config/index.js';
import { openServerApp, type ServerApp } from '../http/server-app.js';
import { writerDeferral } from '../http/server-audit.js';
import { workerExecArgv } from './worker-exec-argv.js';

/** The primary tells its workers how far the spool writer is, for their `/metrics`. */
interface SpoolStatusMessage extends AuditSpoolStatus {
  readonly amlopsAuditSpool: 'status';
}

function isSpoolStatusMessage(message: unknown): message is SpoolStatusMessage {
  return (message as { amlopsAuditSpool?: unknown } | null)?.amlopsAuditSpool === 'status';
}

/**
 * A worker asks the primary to write the spool now, busy or not, and to tell it (`drained`, same
 * id) once it has: feedback waits for a case just scored.
 */
interface DrainMessage {
  readonly amlopsAuditSpool: 'drain' | 'drained';
  readonly id: number;
}

function isDrainMessage(message: unknown, kind: DrainMessage['amlopsAuditSpool']): message is DrainMessage {
  return (message as { amlopsAuditSpool?: unknown } | null)?.amlopsAuditSpool === kind;
}

/** The spool folder of the cluster whose primary is `primaryPid`. */
function spoolDir(config: Config, cwd: string, primaryPid: number): string {
  return spoolDirOf(resolve(cwd, config.home), hostname(), primaryPid);
}

const HOUR = 3_600_000;
/** Pause of the spool writer between two passes over an empty spool, in milliseconds. */
const SPOOL_POLL_MS = 100;
const DAY = 86_400_000;

/** How `amlops serve` runs. */
export interface ServeOptions {
  readonly cwd: string;
  readonly version: string;
  /** Told the URL once every worker listens. */
  readonly onListening?: (url: string, workers: number) => void;
  /** Where the log lines go (default: stdout); tests read them. */
  readonly logDestination?: DestinationStream;
  /** True under `amlops up`, whose primary process runs the pipelines the API starts. */
  readonly startedByUp?: boolean;
}

/** One scoring process listening, and how to stop it gracefully. */
export interface RunningServer {
  readonly url: string;
  readonly server: ServerApp;
  /** Stops taking requests, lets those in flight finish, writes the audit out, closes the stores. */
  shutdown(): Promise<void>;
}

/**
 * Starts one scoring process: the app of `openServerApp` listening on `server.host:server.port`
 * (HTTPS when `server.tlsCertFile` and `server.tlsKeyFile` are set), with pino logs carrying the request id, and (when `retention`) the audit log's retention applied
 * hourly.
 *
 * @example
 * const running = await startScoringProcess(config, { cwd: process.cwd(), version: '0.1.0' });
 * await running.shutdown();
 */
export async function startScoringProcess(
  config: Config,
  options: ServeOptions & { readonly retention?: boolean },
): Promise<RunningServer> {
  const logOptions = {
    level: config['logging.level'],
    base: { pid: process.pid, ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}) },
  };
  const logger = options.logDestination ? pino(logOptions, options.logDestination) : pino(logOptions);
  let draining = false;
  let spool: AuditSpoolStatus | undefined;
  let drainIds = 0;
  const drains = new Map<number, () => void>();
  if (cluster.isWorker)
    process.on('message', (message) => {
      if (isSpoolStatusMessage(message)) spool = message;
      else if (isDrainMessage(message, 'drained')) {
        drains.get(message.id)?.();
        drains.delete(message.id);
      }
    });
  const server = await openServerApp(config, {
    cwd: options.cwd,
    version: options.version,
    logger,
    draining: () => draining,
    pipelines: {
      // Loaded on the first pipeline start: most scoring processes never start one.
      flows: async () => (await import('./process-flows.js')).processFlows(config, options.cwd).flows,
      startedByUp: options.startedByUp ?? false,
    },
    // A worker appends its audit records to a spool file; the primary's thread writes them to the store.
    ...(cluster.isWorker
      ? {
          primaryAudit: {
            dir: spoolDir(config, options.cwd, process.ppid),
            status: () => spool,
            drain: () =>
              new Promise<void>((resolve) => {
                const id = ++drainIds;
                drains.set(id, resolve);
                process.send?.({ amlopsAuditSpool: 'drain', id } satisfies DrainMessage);
              }),
          },
          // A scrape counts every worker, whichever one takes it.
          clusterMetrics: clusterMetricsOfWorker,
        }
      : {}),
  });
  let retention: ReturnType<typeof setInterval> | undefined;
  const days = config['audit.retentionDays'];
  if (options.retention !== false && days > 0) {
    const prune = () =>
      server.auditLog
        .deleteOlderThan(Date.now() - days * DAY)
        .then((n) => n > 0 && logger.info({ deleted: n, days }, 'audit retention applied'))
        .catch((err) => logger.error({ err }, 'audit retention failed'));
    void prune();
    retention = setInterval(prune, HOUR);
    retention.unref();
  }
  const address = await server.app.listen({ host: config['server.host'], port: config['server.port'] });
  logger.info({ address, model: server.models.current?.version ?? null }, 'scoring server listening');
  let closing: Promise<void> | undefined;
  return {
    url: address,
    server,
    shutdown() {
      closing ??= (async () => {
        draining = true;
        if (retention) clearInterval(retention);
        // Fastify's close waits for requests in flight; new ones get 503 meanwhile.
        await server.app.close();
        await server.close();
        logger.info(
          {
            auditWritten: server.audit?.recorder.written ?? 0,
            auditRefused: server.audit?.recorder.refused ?? 0,
          },
          'scoring server stopped',
        );
      })();
      return closing;
    },
  };
}

/**
 * `amlops serve`: one process, or a node cluster of `server.workers` processes (0: one per core)
 * sharing the port. Every process appends each answered case to a spool file of its own before
 * answering (no other process is woken on the request path); a thread (the primary's in a
 * cluster) writes the spool to the store (see `SpoolIngest`). SIGTERM or SIGINT drains: each
 * process stops accepting and finishes its requests in flight; the primary returns when
 * all have exited and the spool is written. A worker that dies otherwise is replaced; its file is
 * written all the same.
 *
 * @example
 * await serve(config, { cwd: process.cwd(), version: '0.1.0' });
 */
export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const workers = config['server.workers'] || availableParallelism();
  if (cluster.isPrimary && workers > 1) return runPrimary(workers, config, options);
  const running = await startScoringProcess(config, {
    ...options,
    retention: !cluster.isWorker || cluster.worker?.id === 1,
  });
  if (!cluster.isWorker) options.onListening?.(running.url, 1);
  await new Promise<void>((resolve) => {
    const stop = () => {
      running.shutdown().then(resolve, resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    if (cluster.isWorker) process.on('message', (message) => message === 'shutdown' && stop());
  });
  if (cluster.isWorker) process.exit(0);
}

async function runPrimary(count: number, config: Config, options: ServeOptions): Promise<void> {
  const logger = pino({ level: config['logging.level'], base: { pid: process.pid, role: 'primary' } });
  let writer: Awaited<ReturnType<typeof openAuditSpoolWriter>> | undefined;
  if (config['audit.enabled']) {
    const dir = spoolDir(config, options.cwd, process.pid);
    mkdirSync(dir, { recursive: true });
    writer = await openAuditSpoolWriter(
      {
        dir,
        databaseUrl: databaseUrlOf(config, options.cwd),
        pollMs: SPOOL_POLL_MS,
        caseSampleRate: config['cases.sampleRate'],
        ...writerDeferral(config, count),
      },
      (problem) => logger.error({ spool: dir }, problem),
    );
    logger.info({ spool: dir }, 'audit spool writer started');
  }
  const broadcast = writer
    ? setInterval(() => {
        const message: SpoolStatusMessage = { amlopsAuditSpool: 'status', ...writer.status };
        for (const worker of Object.values(cluster.workers ?? {}))
          if (worker?.isConnected()) worker.send(message);
      }, 1000)
    : undefined;
  await new Promise<void>((resolve) => {
    let stopping = false;
    let listening = 0;
    cluster.setupPrimary({
      execArgv: workerExecArgv(
        config['server.workerSemiSpaceMb'],
        process.execArgv,
        process.env.NODE_OPTIONS,
      ),
    });
    const fork = () => cluster.fork();
    for (let i = 0; i < count; i++) fork();
    /** Workers that have started serving (and so listen for 'shutdown'). */
    const serving = new Set<number>();
    answerClusterMetrics();
    cluster.on('message', (worker, message) => {
      if (!isDrainMessage(message, 'drain')) return;
      const answer = () => {
        if (worker.isConnected())
          worker.send({ amlopsAuditSpool: 'drained', id: message.id } satisfies DrainMessage);
      };
      if (writer) writer.drain().then(answer, () => undefined);
      else answer();
    });
    cluster.on('listening', (worker, address) => {
      serving.add(worker.id);
      listening += 1;
      if (listening === count)
        options.onListening?.(
          `${config['server.tlsCertFile'] ? 'https' : 'http'}://${address.address ?? '127.0.0.1'}:${address.port}`,
          count,
        );
    });
    cluster.on('exit', (worker, code, signal) => {
      if (!stopping) {
        process.stderr.write(`scoring worker ${worker.id} exited (${signal ?? code}); starting another\n`);
        fork();
      } else if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      const live = Object.values(cluster.workers ?? {});
      if (live.length === 0) resolve();
      // A worker still starting (one replacing a dead worker) would miss the message: it has served
      // nothing yet, so it is simply stopped.
      for (const worker of live)
        if (worker && serving.has(worker.id)) worker.send('shutdown');
        else worker?.process.kill('SIGTERM');
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  if (broadcast) clearInterval(broadcast);
  await writer?.close();
}
