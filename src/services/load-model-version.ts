import { AmlopsError } from '../core/errors/index.js';
import { bundleFromFiles } from '../core/model/bundle-from-files.js';
import { BUNDLE_PATHS } from '../core/model/bundle-paths.js';
import { createModelScorer } from '../core/scoring/model-scorer.js';
import { formatModelRef, type ModelRef } from '../core/scoring/parse-model-ref.js';
import { parsePredictBody } from '../core/scoring/parse-predict-body.js';
import { validateScoringInput } from '../core/scoring/validate-scoring-input.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { FILES_SHA256_TAG, verifyBundleDigests } from './bundle-digests.js';
import type { LoadedModel } from './loaded-model.js';

/** What loading a model needs: the registry and a way to open a version's artifact location. */
export interface ModelSource {
  readonly registry: ModelRegistry;
  readonly openArtifacts: (uri: string) => ArtifactStore;
  readonly now?: () => number;
}

/**
 * The registry version a reference names; SCORING_MODEL_NOT_FOUND when there is none.
 *
 * @example
 * const version = await resolveModelVersion(registry, { name: 'consumers-laundering-model', alias: 'production' });
 */
export async function resolveModelVersion(registry: ModelRegistry, ref: ModelRef): Promise<ModelVersion> {
  try {
    return ref.version !== undefined
      ? await registry.getModelVersion(ref.name, ref.version)
      : await registry.getVersionByAlias(ref.name, ref.alias);
  } catch (error) {
    if (error instanceof AmlopsError && (error.code === 'NOT_FOUND' || error.code === 'USAGE'))
      throw new AmlopsError('SCORING_MODEL_NOT_FOUND', `no model ${formatModelRef(ref)}: ${error.message}`, {
        model: formatModelRef(ref),
      });
    throw error;
  }
}

/** The files of a bundle that loading reads. */
const BUNDLE_FILES: readonly string[] = [
  BUNDLE_PATHS.manifest,
  BUNDLE_PATHS.model,
  BUNDLE_PATHS.features,
  BUNDLE_PATHS.inputSchema,
  BUNDLE_PATHS.inputExample,
];

/** The paths whose digests were recorded at registration: each is read, so that one gone is seen. */
function recordedPaths(version: ModelVersion): string[] {
  const recorded = version.tags.find((tag) => tag.key === FILES_SHA256_TAG)?.value;
  if (!recorded) return [];
  try {
    return Object.keys(JSON.parse(recorded) as object);
  } catch {
    return [];
  }
}

/**
 * Loads a registered version's bundle from its artifacts, checks each file against the sha256
 * recorded at registration (MODEL_FILE_TAMPERED when one changed or is gone), prepares it for
 * scoring and verifies it by scoring its stored input example (when the version has one): every
 * score must be a probability.
 * A version that cannot be loaded or fails verification is an error; nothing half-loaded is returned.
 *
 * @example
 * const model = await loadModelVersion(source, version, 'production');
 */
export async function loadModelVersion(
  source: ModelSource,
  version: ModelVersion,
  alias?: string,
): Promise<LoadedModel> {
  const now = source.now ?? Date.now;
  const started = now();
  const artifacts = source.openArtifacts(version.source);
  const raw = new Map<string, Uint8Array>();
  await Promise.all(
    [...new Set([...BUNDLE_FILES, ...recordedPaths(version)])].map(async (path) => {
      if (await artifacts.exists(path)) raw.set(path, await artifacts.get(path));
    }),
  );
  verifyBundleDigests(version, raw);
  const decoder = new TextDecoder();
  const files = new Map([...raw].map(([path, bytes]) => [path, decoder.decode(bytes)] as const));
  const bundle = bundleFromFiles((path) => files.get(path));
  const scorer = createModelScorer(bundle);
  const example = files.get(BUNDLE_PATHS.inputExample);
  if (example !== undefined) {
    let scores: Float64Array;
    try {
      const input = validateScoringInput(
        parsePredictBody(JSON.parse(example)).input,
        scorer.contract,
        1_000_000,
      );
      scores = new Float64Array(input.rowCount);
      scorer.score(input, scores);
    } catch (error) {
      throw new AmlopsError(
        'MODEL_FILE_INVALID',
        `model ${version.name}/${version.version} failed verification: its input example could not be scored: ${(error as Error).message}`,
        undefined,
        { cause: error },
      );
    }
    if (!scores.every((p) => p >= 0 && p <= 1))
      throw new AmlopsError(
        'MODEL_FILE_INVALID',
        `model ${version.name}/${version.version} failed verification: its input example scores outside [0, 1]`,
      );
  }
  const loadedAt = now();
  return {
    name: version.name,
    version: version.version,
    runId: version.runId,
    alias,
    registryVersion: version,
    scorer,
    loadedAt,
    loadSeconds: (loadedAt - started) / 1000,
  };
}
