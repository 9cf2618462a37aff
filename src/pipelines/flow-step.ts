/** What a step receives: the outputs of the steps before it, a log, and a signal to stop. */
export interface StepContext {
  /** Outputs of earlier steps, by step name (recorded, so a retried run can reuse them). */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly attempt: number;
  readonly signal: AbortSignal;
  log(message: string, fields?: Record<string, unknown>): void;
}

/**
 * One named step of a flow. Its output must be JSON-serialisable when the flow is persisted, so
 * that `amlops pipelines retry` can resume after it without running it again.
 */
export interface FlowStep {
  readonly name: string;
  /** Extra attempts after a failure (0 = no retry). */
  readonly retries?: number;
  /** Delay before the first retry; doubled for each further one. */
  readonly retryDelayMs?: number;
  /** The attempt fails with state TimedOut past this many milliseconds. */
  readonly timeoutMs?: number;
  run(context: StepContext): Promise<unknown>;
}
