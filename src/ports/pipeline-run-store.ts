import type { PipelineState, StepRecord } from '../core/pipeline-runs/index.js';
import type { Page } from './page.js';

/** A code and message, as recorded on a failed run or step. */
export interface RecordedError {
  readonly code: string;
  readonly message: string;
}

/** One run of a flow: what was asked, where it stands, who runs it. Times in ms since the epoch. */
export interface PipelineRun {
  readonly id: string;
  readonly flow: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly state: PipelineState;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly error: RecordedError | null;
  /** The step at which the run ended Failed / TimedOut / Cancelled / Crashed. */
  readonly failedStep: string | null;
  /** The tracking run this pipeline run logged to (the train flow's MLflow run). */
  readonly trackingRunId: string | null;
  /** Who runs (or last ran) it: `host:pid` of a worker or of the CLI process. */
  readonly worker: string | null;
  readonly heartbeatAt: number | null;
  /** How many times a process took the run: 1 for the first, +1 for each retry or crash pick-up. */
  readonly attempt: number;
  readonly cancelRequested: boolean;
}

/** A step of a run: its latest record (a retried step keeps one row, with its last attempt). */
export interface PipelineStepRow extends StepRecord {
  readonly runId: string;
}

/** One log line of a run. `seq` orders the lines of the run and pages them (`afterSeq`). */
export interface PipelineLogEntry {
  readonly seq: number;
  readonly time: number;
  readonly step: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Arguments of {@link PipelineRunStore.createRun}. */
export interface CreatePipelineRunInput {
  readonly flow: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** `Scheduled` when queued for a worker, `Pending` (default) when about to run here. */
  readonly state?: 'Scheduled' | 'Pending';
}

/** Arguments of {@link PipelineRunStore.listRuns}: newest first. */
export interface ListPipelineRunsInput {
  readonly flow?: string;
  readonly states?: readonly PipelineState[];
  /** 1..1000, default 100. */
  readonly maxResults?: number;
  readonly pageToken?: string;
}

/** The writer of a run: the attempt that claimed it. Writes by a superseded attempt are ignored. */
export interface RunFence {
  readonly attempt: number;
}

/** What a worker learns when it beats: whether the run is still its own, and whether to stop. */
export interface HeartbeatReply {
  readonly owned: boolean;
  readonly cancelRequested: boolean;
}

/**
 * Pipeline runs, their steps and logs. Every method throws AmlopsError: `NOT_FOUND` for an unknown
 * run, `PIPELINE_RUN_NOT_RETRIABLE` when reopening a run that did not end in failure.
 *
 * Ownership: `claimRun` gives a run to one process and bumps its attempt; writes carrying an older
 * attempt (a worker presumed dead that is in fact alive) are dropped, so a run has one writer.
 */
export interface PipelineRunStore {
  createRun(input: CreatePipelineRunInput): Promise<PipelineRun>;
  getRun(id: string): Promise<PipelineRun>;
  listRuns(input?: ListPipelineRunsInput): Promise<Page<PipelineRun>>;
  /**
   * Takes a run for `worker`: allowed when it is Scheduled or Pending, Crashed, or Running with a
   * heartbeat older than `staleBefore`. Sets state Pending, the worker and heartbeat, attempt + 1.
   * Null when the run ended or another live process holds it.
   */
  claimRun(id: string, worker: string, staleBefore: number): Promise<PipelineRun | null>;
  /** Records the run's state; `Running` sets the start time once, a final state the end time. */
  setRunState(
    id: string,
    fence: RunFence,
    state: PipelineState,
    detail?: { error?: RecordedError; failedStep?: string },
  ): Promise<void>;
  /** Beats for the holder of `fence`; ignored (owned: false) when the run ended or was taken over. */
  heartbeat(id: string, fence: RunFence): Promise<HeartbeatReply>;
  /**
   * Marks Crashed every unfinished run whose heartbeat is older than `staleBefore` (and its running
   * step), with error PIPELINE_RUN_CRASHED; returns them.
   */
  markCrashed(staleBefore: number): Promise<PipelineRun[]>;
  /**
   * Makes an ended run runnable again (for a retry): state Pending (or Scheduled when `queued`), no
   * end time, error or cancel request. PIPELINE_RUN_NOT_RETRIABLE unless Failed, TimedOut,
   * Cancelled or Crashed.
   */
  reopenRun(id: string, queued: boolean): Promise<PipelineRun>;
  /**
   * Asks the run to stop. A run no process holds yet (Scheduled, Pending without worker) is
   * Cancelled at once; a running one gets the flag its worker reads on its next heartbeat.
   */
  requestCancel(id: string): Promise<PipelineRun>;
  linkTrackingRun(id: string, trackingRunId: string): Promise<void>;

  /** Upserts the step's row (one per step name). */
  recordStep(id: string, fence: RunFence, record: StepRecord): Promise<void>;
  listSteps(id: string): Promise<PipelineStepRow[]>;
  appendLog(id: string, entry: Omit<PipelineLogEntry, 'seq'>): Promise<void>;
  /** Log lines in order, after `afterSeq` (exclusive), at most `maxResults` (default 1000). */
  listLogs(id: string, options?: { afterSeq?: number; maxResults?: number }): Promise<PipelineLogEntry[]>;

  close(): Promise<void>;
}
