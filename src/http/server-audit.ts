import { hostname } from 'node:os';
import { openAuditSpoolSink } from '../adapters/spool/audit-spool-sink.js';
import { spoolDirOf } from '../adapters/spool/spool-files.js';
import { type AuditSpoolWriter, openAuditSpoolWriter } from '../adapters/threads/audit-spool-writer.js';
import type { Config } from '../config/index.js';
import { AuditRecorder } from '../services/audit-recorder.js';
import type { AuditSpoolStats } from './scoring/scoring-metrics.js';

/** Pause of the spool writer between two passes over an empty spool, in milliseconds. */
const WRITER_POLL_MS = 100;
/** Longest `drain` waits by default, in milliseconds. */
const DRAIN_TIMEOUT_MS = 5000;
/** How busy the machine's cores must be (0–1) for records to wait in the spool. */
const BUSY_AT_LEAST = 0.75;

/** A serving process's audit: its recorder, and the writer of its spool when the process runs it. */
export interface ServerAudit {
  readonly recorder: AuditRecorder;
  /** How far the writer of this process's spool is (its own thread's, or the primary's as last told). */
  writerStatus(): AuditSpoolStats | undefined;
  /**
   * Resolves true once every case recorded so far is in the store (the writer writes it at once,
   * busy or not: feedback names a case scored a moment ago), false when that takes longer than
   * `timeoutMs` (the store is slow or unreachable).
   */
  drain(timeoutMs?: number): Promise<boolean>;
  /** Records what waits, finishes the spool file and (when it runs one) writes the spool out. */
  close(): Promise<void>;
}

/** Where a cluster worker's records go: the spool folder its primary's writer consumes. */
export interface PrimaryAudit {
  readonly dir: string;
  readonly status: () => AuditSpoolStats | undefined;
  /** Asks the primary's writer to write what waits now; resolves once it has. */
  readonly drain: () => Promise<void>;
}

/** Servers opened so far in this process: a second one gets a spool folder of its own. */
let instances = 0;

/**
 * Opens the audit of a serving process: every answered case is appended to a spool file of the
 * process before its answer leaves (`AuditRecorder`, `openAuditSpoolSink`), and a writer thread
 * moves the spool into the store. A single process runs that thread itself on a folder of its own;
 * a cluster worker appends to its primary's folder (`primary`), whose thread writes it.
 * Records wait in the spool while the machine is busy, up to a quarter of `audit.maxBacklogMb`.
 *
 * @example
 * const audit = await openServerAudit(config, home, databaseUrl);
 * await audit.recorder.record(entry);
 */
export async function openServerAudit(
  config: Config,
  home: string,
  databaseUrl: string,
  options: { primary?: PrimaryAudit; onProblem?: (message: string) => void } = {},
): Promise<ServerAudit> {
  const maxBytes = config['audit.maxBacklogMb'] * 2 ** 20;
  let writer: AuditSpoolWriter | undefined;
  let dir = options.primary?.dir;
  if (!dir) {
    dir = spoolDirOf(home, hostname(), process.pid, instances++);
    writer = await openAuditSpoolWriter(
      {
        dir,
        databaseUrl,
        pollMs: WRITER_POLL_MS,
        caseSampleRate: config['cases.sampleRate'],
        ...writerDeferral(config, 1),
      },
      options.onProblem,
    );
  }
  const recorder = new AuditRecorder(openAuditSpoolSink({ dir, maxBytes }), {
    fsyncMs: config['audit.fsyncMs'],
  });
  return {
    recorder,
    writerStatus: () => (writer ? writer.status : options.primary?.status()),
    async drain(timeoutMs = DRAIN_TIMEOUT_MS) {
      const drained = writer ? writer.drain() : options.primary?.drain();
      if (!drained) return true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const done = await Promise.race([drained.then(() => true as const), late]);
      clearTimeout(timer);
      return done;
    },
    async close() {
      await recorder.close();
      await writer?.close();
    },
  };
}

/**
 * How long the spool writer of `processes` serving processes lets records wait while the machine
 * is busy: up to a quarter of their backlog bound, so that bursts owe scoring latency nothing and
 * three quarters stay for the store to fall behind before any request is refused.
 */
export function writerDeferral(
  config: Config,
  processes: number,
): { deferBytes: number; busyAtLeast: number } {
  return { deferBytes: (processes * config['audit.maxBacklogMb'] * 2 ** 20) / 4, busyAtLeast: BUSY_AT_LEAST };
}
