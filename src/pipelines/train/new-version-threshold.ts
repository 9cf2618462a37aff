import type { EvaluationReport } from '../../core/evaluate/evaluation-report.js';
import { recordTrainingAlertThreshold } from '../../services/training-alert-threshold.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainScratch } from './train-scratch.js';

/** The evaluation a run logged (`evaluation.json`), for a step retried without it in memory. */
async function loggedEvaluation(
  deps: TrainFlowDeps,
  artifactUri: string,
): Promise<EvaluationReport | undefined> {
  const files = deps.openArtifacts(artifactUri);
  if (!(await files.exists('evaluation.json'))) return undefined;
  const parsed = JSON.parse(new TextDecoder().decode(await files.get('evaluation.json'))) as {
    report?: EvaluationReport;
  };
  return parsed.report;
}

/**
 * The alert threshold of a version the training just registered, recorded now unless it has one
 * (see `recordTrainingAlertThreshold`): so that every new version opens cases. Null when the run's
 * evaluation cannot be read or the version kept its own.
 *
 * @example
 * const threshold = await newVersionThreshold(deps, scratch, '4', logged.artifactUri);
 */
export async function newVersionThreshold(
  deps: TrainFlowDeps,
  scratch: TrainScratch,
  version: string,
  artifactUri: string,
): Promise<number | null> {
  const evaluation = scratch.evaluation ?? (await loggedEvaluation(deps, artifactUri));
  if (!evaluation) return null;
  const change = await recordTrainingAlertThreshold(
    deps.registry,
    {
      name: deps.config['model.name'],
      version,
      evaluation,
      capacityPerDay: deps.config['cases.capacityPerDay'],
      dailyVolume: deps.config['cases.dailyVolume'],
    },
    deps.now,
  );
  return change?.current.value ?? null;
}
