import type { EvaluationReport } from '../../core/evaluate/evaluation-report.js';
import type { Frame } from '../../core/frame/index.js';
import type { ModelBundle } from '../../core/model/index.js';
import type { SearchResult } from '../../core/search/index.js';
import type { ConcludedCase } from '../../ports/case-store.js';

/** A labelled set of rows. */
export interface LabelledFrame {
  readonly frame: Frame;
  readonly labels: Uint8Array;
}

/**
 * What the steps of one training run hand each other in memory (frames, the model). Only JSON
 * summaries are recorded as step outputs; a run retried in another process rebuilds these from the
 * recorded outputs (re-reading the data, which gives the same split for the same seed, or loading
 * the model from the run's artifacts).
 */
export interface TrainScratch {
  data?: LabelledFrame;
  testFile?: LabelledFrame;
  train?: LabelledFrame;
  test?: LabelledFrame;
  search?: SearchResult;
  bundle?: ModelBundle;
  evaluation?: EvaluationReport;
  /** The concluded cases read (`fromCases`), in the order of their rows after the data file's. */
  trainingCases?: readonly ConcludedCase[];
  trainProbabilities?: Float64Array;
  testProbabilities?: Float64Array;
}
