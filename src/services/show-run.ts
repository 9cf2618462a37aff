import type { ModelStage } from '../core/tracking/index.js';
import type { ArtifactFileInfo } from '../ports/artifact-store.js';
import { artifactsAt } from './artifacts-at.js';
import type { PlatformStores } from './platform-stores.js';
import { type RunSummary, runSummary } from './run-summary.js';

/** A model version registered from a run. */
export interface RunModelVersion {
  readonly name: string;
  readonly version: string;
  readonly stage: ModelStage;
  readonly aliases: readonly string[];
}

/** Everything about one run: its data, its experiment, its files and the versions made from it. */
export interface RunDetails {
  readonly run: RunSummary;
  readonly experimentName: string;
  /** Every file under the run's artifact root, recursively, paths relative to it. */
  readonly artifacts: readonly ArtifactFileInfo[];
  readonly modelVersions: readonly RunModelVersion[];
}

/**
 * One run with its params, latest metrics, tags, artifacts and the model versions registered from it.
 *
 * @example
 * const details = await showRun(stores, '6f1c…');
 * details.artifacts.map((f) => f.path); // ['evaluation.json', 'model-bundle/model/model.json', …]
 */
export async function showRun(stores: PlatformStores, runId: string): Promise<RunDetails> {
  const run = await stores.tracking.getRun(runId);
  const experiment = await stores.tracking.getExperiment(run.info.experimentId);
  const artifacts = await artifactsAt(stores.artifacts, run.info.artifactUri).listFiles();
  const versions = await stores.registry.searchModelVersions({
    filter: { terms: [{ entity: 'attribute', key: 'run_id', op: '=', value: runId }] },
    maxResults: 1000,
  });
  return {
    run: runSummary(run),
    experimentName: experiment.name,
    artifacts,
    modelVersions: versions.items.map((v) => ({
      name: v.name,
      version: v.version,
      stage: v.currentStage,
      aliases: v.aliases,
    })),
  };
}
