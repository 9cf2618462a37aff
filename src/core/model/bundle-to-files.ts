import { saveXgboostJson } from '../gbdt/xgboost-json/save-xgboost-json.js';
import { BUNDLE_PATHS } from './bundle-paths.js';
import type { ModelBundle } from './model-bundle.js';

/**
 * Serialises a bundle into the files stored as a model version's artifacts: the trees in XGBoost's
 * JSON format (loadable by `xgboost.Booster(model_file=...)`), the feature pipeline, the input
 * schema and a manifest naming them. Deterministic: the same bundle gives the same bytes.
 *
 * @example
 * const files = bundleToFiles({ format: MODEL_BUNDLE_FORMAT, inputSchema, features, booster });
 * for (const [path, text] of Object.entries(files)) await artifacts.put(path, text);
 */
export function bundleToFiles(bundle: ModelBundle): Record<string, string> {
  const manifest = {
    format: bundle.format,
    files: {
      model: BUNDLE_PATHS.model,
      features: BUNDLE_PATHS.features,
      inputSchema: BUNDLE_PATHS.inputSchema,
    },
    objective: bundle.booster.objective,
    featureNames: bundle.booster.featureNames,
  };
  const schema = {
    numeric: bundle.inputSchema.numeric,
    categorical: bundle.inputSchema.categorical,
    ...(bundle.inputSchema.idColumn === undefined ? {} : { idColumn: bundle.inputSchema.idColumn }),
  };
  return {
    [BUNDLE_PATHS.manifest]: `${JSON.stringify(manifest, null, 2)}\n`,
    [BUNDLE_PATHS.model]: saveXgboostJson(bundle.booster),
    [BUNDLE_PATHS.features]: `${JSON.stringify(bundle.features, null, 2)}\n`,
    [BUNDLE_PATHS.inputSchema]: `${JSON.stringify(schema, null, 2)}\n`,
  };
}
