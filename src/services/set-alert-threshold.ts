import { AmlopsError } from '../core/errors/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { recordRegistryDecision } from './record-registry-decision.js';
import {
  ALERT_THRESHOLD_TAGS,
  type RecordedAlertThreshold,
  recordedAlertThreshold,
} from './recorded-alert-threshold.js';

/** Setting a version's alert threshold: which version, the score, who and why. */
export interface AlertThresholdDecision {
  readonly name: string;
  readonly version: string;
  readonly threshold: number;
  /** A person (`ana`), a key's name, or a process. */
  readonly by: string;
  readonly reason: string;
}

/** The version after the decision, with its threshold before and now. */
export interface AlertThresholdChange {
  readonly version: ModelVersion;
  readonly previous: RecordedAlertThreshold | null;
  readonly current: RecordedAlertThreshold;
}

/**
 * Sets the alert threshold of a READY version as a registry decision: the tags of
 * {@link ALERT_THRESHOLD_TAGS} (the score, who, when, why) and a line in the version's description
 * (its decision log, with the threshold it replaces). ALERT_BUDGET_INVALID for a threshold outside
 * [0, 1]; USAGE without who or why; INVALID_STATE for a version that is not READY.
 *
 * @example
 * const change = await setAlertThreshold(registry, { name: 'consumers-laundering-model', version: '3', threshold: 0.83, by: 'ana', reason: 'capacity 50 a day' });
 * change.previous?.value; // the threshold it replaced, if any
 */
export async function setAlertThreshold(
  registry: ModelRegistry,
  decision: AlertThresholdDecision,
  now: () => number = Date.now,
): Promise<AlertThresholdChange> {
  const { threshold } = decision;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1)
    throw new AmlopsError(
      'ALERT_BUDGET_INVALID',
      `the threshold must be a score from 0 to 1; got ${threshold}`,
      {
        threshold,
      },
    );
  const by = decision.by?.trim() ?? '';
  const reason = decision.reason?.trim() ?? '';
  if (by === '' || by.length > 250)
    throw new AmlopsError('USAGE', 'say who sets the alert threshold (by), at most 250 characters');
  if (reason === '' || reason.length > 4000)
    throw new AmlopsError('USAGE', 'say why the alert threshold is set (reason), at most 4000 characters');
  const target = await registry.getModelVersion(decision.name, decision.version);
  if (target.status !== 'READY')
    throw new AmlopsError(
      'INVALID_STATE',
      `model version ${target.name}/${target.version} is ${target.status}; only a READY version takes an alert threshold`,
    );
  const previous = recordedAlertThreshold(target);
  const at = new Date(now()).toISOString();
  await recordRegistryDecision(
    registry,
    target,
    [
      { key: ALERT_THRESHOLD_TAGS.value, value: String(threshold) },
      { key: ALERT_THRESHOLD_TAGS.setBy, value: by },
      { key: ALERT_THRESHOLD_TAGS.setAt, value: at },
      { key: ALERT_THRESHOLD_TAGS.reason, value: reason },
    ],
    `${at} alert threshold set to ${threshold} by ${by}${previous ? ` (was ${previous.value})` : ''}: ${reason}`,
  );
  return {
    version: await registry.getModelVersion(target.name, target.version),
    previous,
    current: { value: threshold, setBy: by, setAt: at, reason },
  };
}
