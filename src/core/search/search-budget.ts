import { DEFAULT_PARAMS, type GbdtParamsInput } from '../gbdt/parameters.js';

/** Estimates are rough (load varies, candidates stop early at different points): plan for 10% more. */
const ESTIMATE_MARGIN = 1.1;

/** A finished fold task, as the budget learns from it. */
export interface TaskRecord {
  readonly params: GbdtParamsInput;
  readonly seconds: number;
  /** Trees grown (early stopping grows some past the best) and trees kept. */
  readonly trainedTrees: number;
  readonly keptTrees: number;
  readonly rows: number;
}

/** What starting one more training run would commit the search to. */
export interface RunPlan {
  readonly params: GbdtParamsInput;
  readonly folds: number;
  readonly concurrency: number;
  /** Training rows of one fold task. */
  readonly taskRows: number;
  /** The refits that may follow (the best so far's, this run's): the costliest is planned for. */
  readonly refitParams: readonly GbdtParamsInput[];
  readonly refitRows: number;
  readonly reserveSeconds?: number;
}

/**
 * Decides whether a search may start another training run: it may when the run's estimated time
 * plus the estimated refit still end within the budget. Estimates come from the tasks finished so
 * far through a simple cost model: time is proportional to trees x rows x depth (each level of a
 * tree passes over the rows once), and an early-stopped candidate keeps about as many trees as the
 * others did at its learning rate (trees x learning rate is roughly constant).
 *
 * @example
 * const budget = new SearchBudget(60, clock());
 * budget.recordTask({ params, seconds: 2.5, trainedTrees: 70, keptTrees: 50, rows: 130_000 });
 * budget.allowsRun(clock(), plan);
 */
export class SearchBudget {
  readonly budgetSeconds: number;
  readonly startedAt: number;
  #tasks = 0;
  #seconds = 0;
  #work = 0;
  #stopped = 0;
  #treesTimesRate = 0;

  constructor(budgetSeconds: number, startedAt: number) {
    this.budgetSeconds = budgetSeconds;
    this.startedAt = startedAt;
  }

  /** Whether any task finished, i.e. whether there is something to estimate from. */
  get hasEstimates(): boolean {
    return this.#tasks > 0;
  }

  recordTask(task: TaskRecord): void {
    this.#tasks++;
    this.#seconds += task.seconds;
    this.#work += task.trainedTrees * task.rows * depthOf(task.params);
    if (task.params.early_stopping_rounds !== undefined) {
      this.#stopped++;
      this.#treesTimesRate += task.keptTrees * rateOf(task.params);
    }
  }

  /** Trees a training with `params` is expected to grow. */
  expectedTrees(params: GbdtParamsInput): number {
    const most = params.n_estimators ?? DEFAULT_PARAMS.n_estimators;
    if (params.early_stopping_rounds === undefined || this.#stopped === 0) return most;
    const kept = this.#treesTimesRate / this.#stopped / rateOf(params);
    return Math.min(most, kept + params.early_stopping_rounds);
  }

  /** Estimated seconds of one training with `params` on `rows` rows (0 before any task finished). */
  estimateTraining(params: GbdtParamsInput, rows: number): number {
    if (this.#work === 0) return 0;
    return (this.#seconds / this.#work) * this.expectedTrees(params) * rows * depthOf(params);
  }

  /**
   * The parameters a refit of an early-stopped candidate would get: the trees it is expected to
   * keep times `treeFactor`, without early stopping.
   */
  expectedRefit(params: GbdtParamsInput, treeFactor: number): GbdtParamsInput {
    if (params.early_stopping_rounds === undefined) return params;
    const { early_stopping_rounds: rounds, ...rest } = params;
    const kept = Math.max(1, this.expectedTrees(params) - rounds);
    return { ...rest, n_estimators: Math.round(kept * treeFactor) };
  }

  /** True when a run started at `now` would, with the refit after it, end within the budget. */
  allowsRun(now: number, plan: RunPlan): boolean {
    if (!Number.isFinite(this.budgetSeconds)) return true;
    const waves = Math.ceil(plan.folds / plan.concurrency);
    const estimate =
      waves * this.estimateTraining(plan.params, plan.taskRows) +
      Math.max(0, ...plan.refitParams.map((p) => this.estimateTraining(p, plan.refitRows)));
    const end = now + ESTIMATE_MARGIN * estimate + (plan.reserveSeconds ?? 0);
    return end <= this.startedAt + this.budgetSeconds;
  }
}

function depthOf(params: GbdtParamsInput): number {
  return params.max_depth ?? DEFAULT_PARAMS.max_depth;
}

function rateOf(params: GbdtParamsInput): number {
  return params.learning_rate ?? DEFAULT_PARAMS.learning_rate;
}
