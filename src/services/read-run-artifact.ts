import type { ArtifactStore } from '../ports/artifact-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { artifactsAt } from './artifacts-at.js';

/**
 * One file of a run's artifacts. The path is relative to the run's artifact root and checked by the
 * store (ARTIFACT_PATH_INVALID for anything escaping it); FILE_NOT_FOUND when absent.
 *
 * @example
 * const evaluation = JSON.parse(new TextDecoder().decode(await readRunArtifact(stores, runId, 'evaluation.json')));
 */
export async function readRunArtifact(
  stores: { readonly tracking: TrackingStore; readonly artifacts: ArtifactStore },
  runId: string,
  path: string,
): Promise<Uint8Array> {
  const run = await stores.tracking.getRun(runId);
  return artifactsAt(stores.artifacts, run.info.artifactUri).get(path);
}
