import { availableParallelism } from 'node:os';
import type { ScoredCases } from '../../core/quality/quality-table-from-cases.js';
import type { ScoredWindow, ScoredWindowQuery } from '../../ports/audit-log.js';
import { concatScoredCases } from '../sql/concat-scored-cases.js';
import { estimatedCases, readWindowRange, windowCases, windowIds } from '../sql/scored-window-sql.js';
import type { SqlDatabase } from '../sql/sql-database.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';
import type {
  WindowReaderReply,
  WindowReaderRequest,
  WindowReaderWorkerData,
} from './window-reader-messages.js';

/** Below this many cases a window is read on this thread alone: other threads would cost more than they save. */
const PARALLEL_FROM = 200_000;

/** A started thread that reads the range it is sent; `cancel` ends it unsent. */
function readerThread(databaseUrl: string) {
  const worker = startWorker(import.meta.url, './window-reader-worker', {
    databaseUrl,
  } satisfies WindowReaderWorkerData);
  const answer = new Promise<{ cases: ScoredCases; complete: boolean }>((resolve, reject) => {
    let answered = false;
    worker.once('message', (reply: WindowReaderReply) => {
      answered = true;
      if (reply.kind === 'cases') resolve({ cases: reply.cases, complete: reply.complete });
      else reject(rebuildThreadError(reply.error));
    });
    worker.once('error', (error) => reject(new Error(`the window-reading thread failed: ${error.message}`)));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the window-reading thread stopped (exit code ${code})`));
    });
  });
  answer.catch(() => undefined);
  return {
    read(request: WindowReaderRequest) {
      worker.postMessage(request);
      return answer;
    },
    cancel: () => void worker.terminate(),
  };
}

/**
 * Reads a live window of the audit log on as many threads as the machine has cores: this one and
 * one started per other core, each on a connection of its own and a range of ids (the newest range
 * on this thread, which starts reading at once while the others load their modules and connect),
 * so that parsing a million cases uses every core: what the monitor flow's live report reads.
 * Small windows are read on this thread alone.
 *
 * @example
 * const reader = new ThreadedWindowReader(databaseUrl, database);
 * const window = await reader.scoredWindow({ modelName, modelVersion: '3', since, until, limit: 1_000_000 });
 */
export class ThreadedWindowReader {
  readonly #databaseUrl: string;
  readonly #database: SqlDatabase;
  readonly #threads: number;

  constructor(databaseUrl: string, database: SqlDatabase, threads = availableParallelism()) {
    this.#databaseUrl = databaseUrl;
    this.#database = database;
    this.#threads = Math.max(1, threads);
  }

  async scoredWindow(query: ScoredWindowQuery): Promise<ScoredWindow> {
    const { db, flavor } = this.#database;
    // The other threads start (load their modules, connect) while the window's ids are looked up.
    const helpers = Array.from({ length: this.#threads - 1 }, () => readerThread(this.#databaseUrl));
    let ids: Awaited<ReturnType<typeof windowIds>>;
    let parts = 1;
    try {
      ids = await windowIds(db, query);
      if (ids && (await estimatedCases(db, ids.lo, ids.hi)) >= PARALLEL_FROM) parts += helpers.length;
    } catch (error) {
      for (const helper of helpers) helper.cancel();
      throw error;
    }
    for (const helper of helpers.slice(parts - 1)) helper.cancel();
    if (!ids) return { total: 0, rows: 0, inputs: new Map(), scores: new Float64Array(0) };
    const { lo, hi } = ids;
    const span = hi - lo + 1;
    const range = (i: number) => ({
      high: hi - Math.floor((span * i) / parts),
      low: hi - Math.floor((span * (i + 1)) / parts),
    });
    const own = range(0);
    const read = await Promise.all([
      readWindowRange(db, flavor, query, own.low, own.high, query.limit).then(({ complete, ...cases }) => ({
        cases,
        complete,
      })),
      ...helpers
        .slice(0, parts - 1)
        .map((helper, i) => helper.read({ query, ...range(i + 1), limit: query.limit })),
    ]);
    const cases = concatScoredCases(
      read.map((r) => r.cases),
      query.limit,
    );
    // Reads not cut by the limit counted every case of the window; a cut one did not.
    const total = read.every((r) => r.complete)
      ? read.reduce((sum, r) => sum + r.cases.rows, 0)
      : await windowCases(db, query);
    return { total, ...cases };
  }
}
