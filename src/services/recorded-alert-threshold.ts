import type { ModelVersion } from '../core/tracking/index.js';

/**
 * The model-version tags that record its alert threshold (cases scored at or above it are sent to
 * the analysts) and the decision that set it: who, when and why. Plain tags, so MLflow clients see
 * them too.
 */
export const ALERT_THRESHOLD_TAGS = {
  value: 'amlops.alert_threshold',
  setBy: 'amlops.alert_threshold.set_by',
  setAt: 'amlops.alert_threshold.set_at',
  reason: 'amlops.alert_threshold.reason',
} as const;

/** A version's alert threshold and the decision that set it. */
export interface RecordedAlertThreshold {
  readonly value: number;
  readonly setBy: string;
  /** ISO time. */
  readonly setAt: string;
  readonly reason: string;
}

/**
 * The alert threshold recorded on a version, or null when none was set (or its tag is not a score).
 *
 * @example
 * recordedAlertThreshold(version); // { value: 0.83, setBy: 'ana', setAt: '2026-12-05T09:00:00.000Z', reason: '50 a day' }
 */
export function recordedAlertThreshold(version: ModelVersion): RecordedAlertThreshold | null {
  const tag = (key: string): string | undefined => version.tags.find((t) => t.key === key)?.value;
  const text = tag(ALERT_THRESHOLD_TAGS.value);
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) return null;
  return {
    value,
    setBy: tag(ALERT_THRESHOLD_TAGS.setBy) ?? '',
    setAt: tag(ALERT_THRESHOLD_TAGS.setAt) ?? '',
    reason: tag(ALERT_THRESHOLD_TAGS.reason) ?? '',
  };
}
