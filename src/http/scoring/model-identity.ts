import type { LoadedModel } from '../../services/loaded-model.js';

/** The `model` block of the original's `/predict` answer. */
export interface ModelIdentity {
  readonly name: string;
  readonly run_id: string;
  readonly current_scope: string;
  readonly status: string;
  readonly version: string;
}

/**
 * The identity of the model that made a score, as the original returned it: `current_scope` is
 * `Production` for the production alias (the original's stage), else the alias or the version's stage;
 * a model still served after its alias moved to a version that cannot be loaded gives its stage as
 * the registry has it now (`Archived`), never `Production`.
 *
 * @example
 * modelIdentity(model); // { name: 'consumers-laundering-model', run_id: '…', current_scope: 'Production', status: 'READY', version: '3' }
 */
export function modelIdentity(model: LoadedModel): ModelIdentity {
  const scope = model.stale
    ? model.registryVersion.currentStage
    : model.alias === 'production'
      ? 'Production'
      : model.alias !== undefined
        ? model.alias
        : model.registryVersion.currentStage;
  return {
    name: model.name,
    run_id: model.runId,
    current_scope: scope,
    status: model.registryVersion.status,
    version: model.version,
  };
}

/**
 * Scores as the original wrote them: rounded to 8 decimals.
 *
 * @example
 * roundedScores(Float64Array.of(0.873099982738)); // [0.87309998]
 */
export function roundedScores(scores: Float64Array, n = scores.length): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(scores[i]! * 1e8) / 1e8;
  return out;
}
