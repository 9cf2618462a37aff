import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AmlopsError } from '../../core/errors/index.js';
import type { AuditBatch, AuditSink } from '../../ports/audit-sink.js';
import { spoolFileName } from './spool-files.js';
import { encodeSpoolRecord } from './spool-frame.js';

export interface AuditSpoolSinkOptions {
  /** The spool folder its writer consumes (`spoolDirOf`). */
  readonly dir: string;
  /** Most bytes of this process's records waiting in the folder; beyond, appends are refused. */
  readonly maxBytes: number;
  /** A file is finished and the next one started once it holds this many bytes. */
  readonly rotateBytes?: number;
  /**
   * A file that has records and took none for this long is finished too (1000 ms by default), so
   * that the writer removes it once written and the backlog reads 0 on an idle server.
   */
  readonly idleFinishMs?: number;
}

const DEFAULT_ROTATE = 32 * 1024 * 1024;
const DEFAULT_IDLE_FINISH_MS = 1000;
/** What a refused client is told to wait before trying again, in seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The audit sink of a serving process: appends each batch to a spool file of its own, one `write`
 * per batch, before the batch's requests are answered, so that a process killed afterwards has
 * lost none of them (the page cache holds them; `sync` puts them on the disk). A writer (see
 * `SpoolIngest`) moves them into the store and removes consumed files. Files are named by
 * `spoolFileName`: `.open` while appended to, renamed `.spool` when finished (every `rotateBytes`,
 * after `idleFinishMs` without a record, and on `close`): the backlog counts a file whole until the
 * writer removes it, which it does once the file is finished and written. Refuses a batch with
 * AUDIT_UNAVAILABLE while this process's files not yet consumed hold `maxBytes`.
 *
 * @example
 * const sink = openAuditSpoolSink({ dir: spoolDirOf(home, hostname(), process.pid), maxBytes: 256 * 2 ** 20 });
 * sink.append(batch);
 */
export function openAuditSpoolSink(options: AuditSpoolSinkOptions): AuditSink {
  const rotateBytes = options.rotateBytes ?? DEFAULT_ROTATE;
  const name = { host: hostname(), pid: process.pid, startedAt: Date.now() };
  mkdirSync(options.dir, { recursive: true });
  /** Finished files of this process, and their sizes, until the writer has removed them. */
  let finished: { path: string; bytes: number }[] = [];
  let seq = 0;
  let path = '';
  let fd = -1;
  let bytes = 0;
  let closed = false;
  let lastAppend = 0;

  const start = () => {
    path = join(options.dir, spoolFileName({ ...name, seq, finished: false }));
    fd = openSync(path, 'a');
    bytes = 0;
  };
  const finish = () => {
    fdatasyncSync(fd);
    closeSync(fd);
    fd = -1;
    const done = join(options.dir, spoolFileName({ ...name, seq, finished: true }));
    renameSync(path, done);
    if (bytes > 0) finished.push({ path: done, bytes });
    bytes = 0;
    seq += 1;
  };
  const waiting = () => finished.reduce((sum, f) => sum + f.bytes, bytes);
  start();
  const idleMs = options.idleFinishMs ?? DEFAULT_IDLE_FINISH_MS;
  // Checks twice per idle period; never keeps the process alive.
  const idleCheck = setInterval(
    () => {
      if (closed || fd < 0 || bytes === 0 || Date.now() - lastAppend < idleMs) return;
      try {
        finish();
      } catch {
        // The next append meets the same problem and refuses its requests, which says it.
      }
      // Finished (or closed by a failed finish): appends go on in a new file (or the same one).
      if (fd < 0)
        try {
          start();
        } catch {
          // As above: the next append says it.
        }
    },
    Math.max(1, Math.floor(idleMs / 2)),
  );
  idleCheck.unref();

  const unavailable = (why: string, cause?: unknown) =>
    new AmlopsError(
      'AUDIT_UNAVAILABLE',
      `${why}; this request is not answered, so that no score goes unrecorded: try again in ${RETRY_AFTER_SECONDS} s`,
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      { cause },
    );
  /** Throws unless `more` bytes fit (the writer may have removed files since the last look). */
  const makeRoom = (more: number) => {
    if (waiting() + more <= options.maxBytes) return;
    finished = finished.filter((f) => existsSync(f.path));
    if (waiting() + more > options.maxBytes)
      throw unavailable(
        `serving process ${process.pid} holds ${Math.round(waiting() / 2 ** 20)} MB of answered cases the store has not taken yet (audit.maxBacklogMb)`,
      );
  };

  return {
    append(batch: AuditBatch) {
      if (closed) throw unavailable('the audit spool is closed (the server is stopping)');
      // Refused before it is encoded: under overload every group of requests would encode in vain.
      makeRoom(1);
      const record = encodeSpoolRecord(batch);
      makeRoom(record.length);
      let at = 0;
      try {
        while (at < record.length) at += writeSync(fd, record, at, record.length - at);
      } catch (error) {
        // A record cut short would end the file: the next records go to a new one.
        if (at > 0) {
          bytes += at;
          finish();
          start();
        }
        throw unavailable(
          `the audit spool file ${path} cannot be written (${(error as Error).message})`,
          error,
        );
      }
      bytes += record.length;
      lastAppend = Date.now();
      if (bytes >= rotateBytes) {
        finish();
        start();
      }
    },
    get backlogBytes() {
      finished = finished.filter((f) => existsSync(f.path));
      return waiting();
    },
    sync() {
      if (fd >= 0) fdatasyncSync(fd);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(idleCheck);
      finish();
    },
  };
}
