import { open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditBatch } from '../../ports/audit-sink.js';
import type { AuditStoreWriter } from '../../ports/audit-store-writer.js';
import { parseSpoolDirName, parseSpoolFileName, processIsAlive, type SpoolFileName } from './spool-files.js';
import { decodeSpoolRecords } from './spool-frame.js';

/**
 * Bytes read from a spool file at a time per case the writer appends at once (a one-case request
 * takes about 150 bytes of a spool file): a read holds about one append. A record larger than a
 * read is read whole.
 */
const READ_BYTES_PER_CASE = 200;
/** Consecutive records are read as one batch of about this many cases (`decodeSpoolRecords`). */
const JOIN_CASES = 1000;

export interface SpoolIngestOptions {
  /** The spool folder to consume (`spoolDirOf`). */
  readonly dir: string;
  /** This machine's name, as spool folders carry it. */
  readonly host: string;
  /** Where the audit records go. */
  readonly writer: AuditStoreWriter;
  /** Told of a damaged file or a spool folder that could not be adopted. */
  readonly onProblem?: (message: string) => void;
}

/** What one pass over the spool folder did and left. */
export interface SpoolPass {
  /** Cases appended, or files removed. */
  readonly worked: boolean;
  /** Bytes in the folder not yet consumed. */
  readonly backlogBytes: number;
}

/** How a pass goes about its work. */
export interface PassOptions {
  /** Writes nothing (only measures the backlog) while fewer bytes than this wait: 0 writes at once. */
  readonly deferBelowBytes?: number;
}

interface FileState {
  position: number;
  damaged?: string;
}

/**
 * Moves the audit records of a spool folder into the store: each pass reads every file from its
 * checkpoint (kept by the `AuditStoreWriter`, in the same transaction as the cases), appends the whole
 * records found, and removes a file once it is consumed and finished (renamed `.spool`, or its
 * process gone). A restart resumes at the checkpoints: no case lost, none written twice.
 *
 * @example
 * const ingest = new SpoolIngest({ dir, host: hostname(), writer: await openAuditStoreWriter(url) });
 * await ingest.adoptOrphans();
 * while (!stopping) if (!(await ingest.pass()).worked) await sleep(200);
 */
export class SpoolIngest {
  readonly #options: SpoolIngestOptions;
  readonly #files = new Map<string, FileState>();
  #written = 0;
  #damaged = 0;

  constructor(options: SpoolIngestOptions) {
    this.#options = options;
  }

  /** Cases appended so far. */
  get written(): number {
    return this.#written;
  }
  /** Files found damaged so far (their readable records are appended; the rest is reported). */
  get damaged(): number {
    return this.#damaged;
  }

  /**
   * Moves into this folder the files of spool folders, on this machine, whose primary is gone (a
   * server that crashed or was killed), so that their records are written too.
   */
  async adoptOrphans(): Promise<void> {
    const { dir, host } = this.#options;
    const root = dirname(dir);
    for (const name of await readdir(root).catch(() => [])) {
      const owner = parseSpoolDirName(name);
      if (!owner || owner.host !== host || name === basename(dir) || processIsAlive(owner.pid)) continue;
      const from = join(root, name);
      for (const file of await readdir(from).catch(() => [])) {
        if (!parseSpoolFileName(file)) continue;
        // Another server starting now may take a file first: then it is theirs to write.
        await rename(join(from, file), join(dir, file)).catch(() => undefined);
      }
      await rmdir(from).catch(() =>
        this.#options.onProblem?.(`the spool folder ${from} of a stopped server could not be removed`),
      );
    }
  }

  /**
   * Reads every file once as far as it is written; see `SpoolPass`. Tells `onBacklog` (when given)
   * the bytes left to write once the files are listed and after every append, so that a long pass
   * over a large backlog is seen while it lasts. With `deferBelowBytes`, a backlog below it is
   * only measured.
   */
  async pass(onBacklog?: (bytes: number) => void, options: PassOptions = {}): Promise<SpoolPass> {
    const { dir, writer } = this.#options;
    const files: {
      name: string;
      path: string;
      file: SpoolFileName;
      complete: boolean;
      size: number;
      state: FileState;
    }[] = [];
    for (const name of (await readdir(dir)).sort()) {
      const file = parseSpoolFileName(name);
      if (!file) continue;
      const path = join(dir, name);
      // Whether the file is complete is decided before its size is read: a process that is gone
      // appends nothing after.
      const complete = file.finished || !processIsAlive(file.pid);
      const size = await stat(path).then(
        (s) => s.size,
        () => undefined, // renamed `.spool` since the listing: read under its new name next pass
      );
      if (size === undefined) continue;
      let state = this.#files.get(file.source);
      if (!state) {
        state = { position: (await writer.checkpointOf(file.source)) ?? 0 };
        this.#files.set(file.source, state);
      }
      files.push({ name, path, file, complete, size, state });
    }
    let backlogBytes = files.reduce((sum, f) => sum + Math.max(0, f.size - f.state.position), 0);
    onBacklog?.(backlogBytes);
    if (backlogBytes < (options.deferBelowBytes ?? 0)) return { worked: false, backlogBytes };
    let worked = false;
    for (const { name, path, file, complete, size, state } of files) {
      if (state.position < size && !state.damaged) {
        const before = state.position;
        const appended = await this.#consume(path, file.source, state, size, (position) => {
          onBacklog?.(backlogBytes - (position - before));
        });
        backlogBytes -= state.position - before;
        worked = appended || worked;
      }
      if (complete) {
        // Everything whole is written (a failed append has thrown): what is left is a record cut short.
        if (!state.damaged && state.position < size)
          this.#options.onProblem?.(
            `${name} ends with ${size - state.position} bytes of an incomplete record`,
          );
        // The file goes before its checkpoint: a crash in between re-reads nothing.
        await unlink(path);
        await writer.forgetCheckpoint(file.source);
        this.#files.delete(file.source);
        backlogBytes -= size - state.position;
        worked = true;
      }
    }
    return { worked, backlogBytes };
  }

  /** Appends the whole records of `path` from `state.position` up to `size`; true when any were. */
  async #consume(
    path: string,
    source: string,
    state: FileState,
    size: number,
    onAppended: (position: number) => void,
  ): Promise<boolean> {
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      // Renamed `.spool` by its process since the listing: read under its new name next pass.
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return false;
    let appended = false;
    /**
     * The last append, still running while the next records are read and decoded (on PostgreSQL it
     * waits on the server, which then has the next records sooner); `through` is where the file's
     * records are written up to once it has. One append runs at a time, in the file's order.
     */
    let inFlight: { readonly done: Promise<void>; readonly through: number } | undefined;
    const settle = async () => {
      if (!inFlight) return;
      const { done, through } = inFlight;
      inFlight = undefined;
      await done;
      state.position = through;
    };
    /** Where the next read starts: past the records given to appends, written or still running. */
    let readFrom = state.position;
    try {
      while (readFrom < size) {
        let length = Math.min(size - readFrom, READ_BYTES_PER_CASE * this.#options.writer.appendCases);
        let chunk = await readAt(handle, readFrom, length);
        let decoded = decodeSpoolRecords(chunk, JOIN_CASES);
        if (decoded.records.length === 0 && !decoded.damaged && chunk.length >= 8) {
          // One record larger than a read: read it whole when it is all there.
          length = 8 + chunk.readUInt32LE(4);
          if (readFrom + length > size) break;
          chunk = await readAt(handle, readFrom, length);
          decoded = decodeSpoolRecords(chunk, JOIN_CASES);
        }
        const { records, consumed, damaged } = decoded;
        for (let i = 0; i < records.length; ) {
          const batches: AuditBatch[] = [];
          let cases = 0;
          let end = 0;
          while (i < records.length && cases < this.#options.writer.appendCases) {
            batches.push(records[i]!.batch);
            cases += records[i]!.batch.scores.length;
            end = records[i]!.end;
            i++;
          }
          await settle();
          const through = readFrom + end;
          const done = this.#options.writer.append(batches, { source, position: through }).then(() => {
            this.#written += cases;
            appended = true;
            onAppended(through);
          });
          // Its failure is seen by `settle`, not as an unhandled rejection meanwhile.
          done.catch(() => undefined);
          inFlight = { done, through };
        }
        readFrom += consumed;
        if (damaged) {
          await settle();
          state.damaged = damaged;
          this.#damaged += 1;
          this.#options.onProblem?.(
            `${basename(path)} is damaged: ${damaged}; the records after it are not written`,
          );
        }
        if (damaged || consumed === 0) break;
      }
      await settle();
    } catch (error) {
      // No append outlives the pass: one that succeeded still moves the position (its records are
      // in the store), one that failed leaves it (they are read again).
      await settle().catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
    return appended;
  }
}

async function readAt(
  handle: Awaited<ReturnType<typeof open>>,
  position: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}
