import { AmlopsError } from '../errors/index.js';
import { parseFeaturePipelineState } from '../features/parse-feature-pipeline-state.js';
import { loadXgboostJson } from '../gbdt/xgboost-json/load-xgboost-json.js';
import { BUNDLE_PATHS } from './bundle-paths.js';
import { MODEL_BUNDLE_FORMAT, type ModelBundle } from './model-bundle.js';
import { parseInputSchema } from './parse-input-schema.js';

/** Reads one file of a version's artifacts as text, or undefined when it is absent. */
export type BundleFileReader = (path: string) => string | undefined;

/**
 * Reads a bundle back from its files and checks it strictly: the manifest's format, each file's
 * shape, and that the parts agree (the trees' features are the pipeline's, in the same order; the
 * input schema lists exactly the columns the pipeline reads). Any problem is MODEL_FILE_INVALID
 * (MODEL_UNSUPPORTED for trees the engine cannot score), never a model half loaded.
 *
 * @example
 * const files = bundleToFiles(bundle);
 * const again = bundleFromFiles((path) => files[path]);
 */
export function bundleFromFiles(read: BundleFileReader): ModelBundle {
  const manifest = json(read, BUNDLE_PATHS.manifest) as Record<string, unknown>;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    fail(`${BUNDLE_PATHS.manifest} must be a JSON object`);
  if (manifest.format !== MODEL_BUNDLE_FORMAT)
    fail(
      `${BUNDLE_PATHS.manifest} has format ${JSON.stringify(manifest.format)}; this amlops reads ${MODEL_BUNDLE_FORMAT}`,
    );
  const booster = loadXgboostJson(text(read, BUNDLE_PATHS.model));
  const features = parseFeaturePipelineState(json(read, BUNDLE_PATHS.features));
  const inputSchema = parseInputSchema(json(read, BUNDLE_PATHS.inputSchema));

  const treeNames = booster.featureNames;
  const pipelineNames = features.featureNames;
  if (treeNames.length !== pipelineNames.length || treeNames.some((name, i) => name !== pipelineNames[i]))
    fail(
      `the trees' features ${JSON.stringify(treeNames)} are not the feature pipeline's ${JSON.stringify(pipelineNames)}`,
    );
  const numericInputs = new Set(features.numeric);
  if (features.domain) {
    numericInputs.add(features.domain.incomeColumn);
    numericInputs.add(features.domain.outcomeColumn);
  }
  sameColumns('numeric', inputSchema.numeric, [...numericInputs]);
  sameColumns(
    'categorical',
    inputSchema.categorical,
    features.categorical.map((c) => c.column),
  );
  return { format: MODEL_BUNDLE_FORMAT, inputSchema, features, booster };
}

function sameColumns(kind: string, declared: readonly string[], read: readonly string[]): void {
  const a = [...declared].sort();
  const b = [...read].sort();
  if (a.length !== b.length || a.some((name, i) => name !== b[i]))
    fail(
      `the input schema's ${kind} columns ${JSON.stringify(a)} are not those the pipeline reads ${JSON.stringify(b)}`,
    );
}

function text(read: BundleFileReader, path: string): string {
  const content = read(path);
  if (content === undefined) fail(`the model has no file ${path}`);
  return content as string;
}

function json(read: BundleFileReader, path: string): unknown {
  const content = text(read, path);
  try {
    return JSON.parse(content);
  } catch (error) {
    return fail(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function fail(message: string): never {
  throw new AmlopsError('MODEL_FILE_INVALID', message);
}
