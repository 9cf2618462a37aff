import type { Metric } from './metric.js';
import type { Param } from './param.js';
import type { RunInfo } from './run-info.js';
import type { Tag } from './tag.js';

/**
 * A run with its data: the latest value of each metric (the history is read separately), its
 * parameters and its tags.
 *
 * @example
 * run.data.metrics.find((m) => m.key === 'roc_auc')?.value; // 0.91
 */
export interface Run {
  readonly info: RunInfo;
  readonly data: {
    readonly metrics: readonly Metric[];
    readonly params: readonly Param[];
    readonly tags: readonly Tag[];
  };
}
