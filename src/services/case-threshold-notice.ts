import { AmlopsError } from '../core/errors/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { productionVersion } from './production-version.js';
import { recordedAlertThreshold } from './recorded-alert-threshold.js';

/** Whether the production version opens cases: its alert threshold, or why none are opened. */
export interface CaseThresholdNotice {
  readonly model: string;
  /** The production version; null when none is in production. */
  readonly version: string | null;
  /** Its alert threshold; null when it has none (its scores then open no case). */
  readonly alertThreshold: number | null;
  /** What to tell the analysts' lead when no case can be opened; null when cases open. */
  readonly note: string | null;
}

/**
 * The alert threshold the production version of `model` opens cases at, or the reason it opens
 * none (no threshold recorded, no version in production), with what to do: shown by `amlops cases
 * list` and `GET /api/v1/cases`.
 *
 * @example
 * (await caseThresholdNotice(registry, 'consumers-laundering-model')).alertThreshold; // 0.81
 */
export async function caseThresholdNotice(
  registry: ModelRegistry,
  model: string,
): Promise<CaseThresholdNotice> {
  const version = await productionVersion(registry, model).catch((error: unknown) => {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (!version)
    return {
      model,
      version: null,
      alertThreshold: null,
      note: `no version of ${model} is in production: no case is opened until one is`,
    };
  const recorded = recordedAlertThreshold(version);
  return {
    model,
    version: version.version,
    alertThreshold: recorded?.value ?? null,
    note: recorded
      ? null
      : `version ${version.version} of ${model} (production) has no alert threshold: its scores open no case. Set one: amlops threshold --model ${model}/${version.version} --set T --reason "…" (amlops threshold --capacity N --daily-volume N finds T)`,
  };
}
