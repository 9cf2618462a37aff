import type { Experiment } from '../core/tracking/index.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { findExperiment } from './find-experiment.js';
import { type RunSummary, runSummary } from './run-summary.js';

/** An experiment and its latest runs. */
export interface ExperimentDetails {
  readonly experiment: Experiment;
  /** The newest runs (active ones), at most `recent`. */
  readonly recentRuns: readonly RunSummary[];
  /** True when the experiment has more runs than those listed. */
  readonly moreRuns: boolean;
}

/**
 * An experiment named by id or name, with its newest runs.
 *
 * @example
 * const { experiment, recentRuns } = await showExperiment(tracking, 'consumers-laundering-model');
 */
export async function showExperiment(
  tracking: TrackingStore,
  ref: string,
  recent = 10,
): Promise<ExperimentDetails> {
  const experiment = await findExperiment(tracking, ref);
  const page = await tracking.searchRuns({ experimentIds: [experiment.experimentId], maxResults: recent });
  return { experiment, recentRuns: page.items.map(runSummary), moreRuns: page.nextPageToken !== undefined };
}
