import type { PipelineState, StepRecord } from '../../core/pipeline-runs/index.js';
import type { Page } from '../../ports/page.js';
import type {
  CreatePipelineRunInput,
  HeartbeatReply,
  ListPipelineRunsInput,
  PipelineLogEntry,
  PipelineRun,
  PipelineRunStore,
  PipelineStepRow,
  RecordedError,
  RunFence,
} from '../../ports/pipeline-run-store.js';
import type { PipelineRunsContext, PipelineRunsDb } from './pipeline-runs-context.js';
import * as runs from './pipeline-runs-sql.js';
import * as steps from './pipeline-runs-steps-sql.js';
import type { PipelineRunTables } from './pipeline-runs-tables.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * The pipeline-run store on SQLite or PostgreSQL; each method one function of
 * `pipeline-runs-sql.ts` or `pipeline-runs-steps-sql.ts`.
 *
 * @example
 * const store = SqlPipelineRunStore.open(await openSqlDatabase(url));
 * const run = await store.createRun({ flow: 'train' });
 */
export class SqlPipelineRunStore implements PipelineRunStore {
  readonly #ctx: PipelineRunsContext;
  readonly #database: SqlDatabase;

  private constructor(database: SqlDatabase, now: () => number) {
    this.#database = database;
    const db: PipelineRunsDb = database.db.withTables<PipelineRunTables>();
    this.#ctx = {
      db,
      flavor: database.flavor,
      now,
      write: (work) =>
        database.flavor.writeTransaction(database.db, (trx) => work(trx.withTables<PipelineRunTables>())),
    };
  }

  /** Takes one reference to `database` (released by `close`). */
  static open(database: SqlDatabase, options: { now?: () => number } = {}): SqlPipelineRunStore {
    database.retain();
    return new SqlPipelineRunStore(database, options.now ?? Date.now);
  }

  createRun(input: CreatePipelineRunInput): Promise<PipelineRun> {
    return runs.createPipelineRun(this.#ctx, input);
  }
  getRun(id: string): Promise<PipelineRun> {
    return runs.getPipelineRun(this.#ctx, id);
  }
  listRuns(input?: ListPipelineRunsInput): Promise<Page<PipelineRun>> {
    return runs.listPipelineRuns(this.#ctx, input);
  }
  claimRun(id: string, worker: string, staleBefore: number): Promise<PipelineRun | null> {
    return runs.claimPipelineRun(this.#ctx, id, worker, staleBefore);
  }
  setRunState(
    id: string,
    fence: RunFence,
    state: PipelineState,
    detail?: { error?: RecordedError; failedStep?: string },
  ): Promise<void> {
    return runs.setPipelineRunState(this.#ctx, id, fence, state, detail);
  }
  heartbeat(id: string, fence: RunFence): Promise<HeartbeatReply> {
    return runs.heartbeatPipelineRun(this.#ctx, id, fence);
  }
  markCrashed(staleBefore: number): Promise<PipelineRun[]> {
    return runs.markCrashedPipelineRuns(this.#ctx, staleBefore);
  }
  reopenRun(id: string, queued: boolean): Promise<PipelineRun> {
    return runs.reopenPipelineRun(this.#ctx, id, queued);
  }
  requestCancel(id: string): Promise<PipelineRun> {
    return runs.requestPipelineRunCancel(this.#ctx, id);
  }
  linkTrackingRun(id: string, trackingRunId: string): Promise<void> {
    return runs.linkPipelineTrackingRun(this.#ctx, id, trackingRunId);
  }
  recordStep(id: string, fence: RunFence, record: StepRecord): Promise<void> {
    return steps.recordPipelineStep(this.#ctx, id, fence, record);
  }
  listSteps(id: string): Promise<PipelineStepRow[]> {
    return steps.listPipelineSteps(this.#ctx, id);
  }
  appendLog(id: string, entry: Omit<PipelineLogEntry, 'seq'>): Promise<void> {
    return steps.appendPipelineLog(this.#ctx, id, entry);
  }
  listLogs(id: string, options?: { afterSeq?: number; maxResults?: number }): Promise<PipelineLogEntry[]> {
    return steps.listPipelineLogs(this.#ctx, id, options);
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}
