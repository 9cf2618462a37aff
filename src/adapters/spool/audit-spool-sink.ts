import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AmlopsError } from '../../core/errors/index.js';
import type { AuditBatch, AuditSink } from '../../ports/audit-sink.js';
import { spoolFileName } from './spool-files.js';
import { encodeSpoolRecord } from './spool-frame.js';

export interface AuditSpoolSinkOptions {
  /** The primary's spool folder (`spoolDirOf`). */
  readonly dir: string;
  /** Most bytes of this process's records waiting in the folder; beyond, writes are refused. */
  readonly maxBytes: number;
  /** A file is finished and the next one started once it holds this many bytes. */
  readonly rotateBytes?: number;
}

const DEFAULT_ROTATE = 32 * 1024 * 1024;

/**
 * An audit sink for a serving worker that appends each batch to a spool file of its own, one
 * `write` per batch, and returns: no other thread or process is woken on the request path, and a
 * record is on disk (in the page cache) before the writer thread of the primary reads it into the
 * store (see `openAuditSpoolWriter`). Files are named by `spoolFileName`: `.open` while appended
 * to, renamed `.spool` when finished (every `rotateBytes`, and on `close`). Refuses a batch
 * (AUDIT_SPOOL_FULL) while this process's files not yet consumed hold `maxBytes`.
 *
 * @example
 * const sink = openAuditSpoolSink({ dir: spoolDirOf(home, hostname(), process.ppid), maxBytes: 256 * 2 ** 20 });
 * await sink.write(batch);
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

  const start = () => {
    path = join(options.dir, spoolFileName({ ...name, seq, finished: false }));
    fd = openSync(path, 'a');
    bytes = 0;
  };
  const finish = () => {
    closeSync(fd);
    fd = -1;
    const done = join(options.dir, spoolFileName({ ...name, seq, finished: true }));
    renameSync(path, done);
    if (bytes > 0) finished.push({ path: done, bytes });
    seq += 1;
  };
  const waiting = () => finished.reduce((sum, f) => sum + f.bytes, bytes);
  start();

  /** Throws AUDIT_SPOOL_FULL unless `more` bytes fit (the writer may have removed files since). */
  const makeRoom = (more: number) => {
    if (waiting() + more <= options.maxBytes) return;
    finished = finished.filter((f) => existsSync(f.path));
    if (waiting() + more > options.maxBytes)
      throw new AmlopsError(
        'AUDIT_SPOOL_FULL',
        `the audit spool of process ${process.pid} holds ${Math.round(waiting() / 2 ** 20)} MB not yet written to the store (audit.spoolMaxMb)`,
      );
  };
  const writeNow = (batch: AuditBatch) => {
    if (closed) throw new Error('the audit spool is closed');
    // Refused before it is encoded: under overload the queue retries full batches, each time.
    makeRoom(1);
    const record = encodeSpoolRecord(batch);
    makeRoom(record.length);
    for (let at = 0; at < record.length; ) at += writeSync(fd, record, at, record.length - at);
    bytes += record.length;
    if (bytes >= rotateBytes) {
      finish();
      start();
    }
  };

  return {
    async write(batch) {
      writeNow(batch);
    },
    writeNow,
    async close() {
      if (closed) return;
      closed = true;
      finish();
    },
  };
}
