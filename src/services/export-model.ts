import { AmlopsError } from '../core/errors/index.js';
import { saveXgboostJson } from '../core/gbdt/xgboost-json/save-xgboost-json.js';
import { BUNDLE_PATHS, bundleFromFiles } from '../core/model/index.js';
import { parseModelRef } from '../core/scoring/parse-model-ref.js';
import type { ModelVersion } from '../core/tracking/index.js';
import { artifactsAt } from './artifacts-at.js';
import type { PlatformStores } from './platform-stores.js';
import { reorderBoosterFeatures } from './reorder-booster-features.js';
import { SOURCE_FEATURE_ORDER_PATH } from './source-feature-order.js';

/** Formats a model can be exported in. */
export const EXPORT_FORMATS = ['xgboost-json'] as const;

/** An exported model: the file's text and the version it is. */
export interface ExportedModel {
  readonly version: ModelVersion;
  readonly format: (typeof EXPORT_FORMATS)[number];
  /** The file's content. */
  readonly text: string;
  /** The features the file expects, in its column order. */
  readonly featureNames: readonly string[];
}

/**
 * A registered version's trees as a file another tool loads: `xgboost-json` is XGBoost's JSON model
 * format (`xgboost.Booster(model_file=…)` scores exactly as amlops does). The reference is
 * `NAME@ALIAS`, `NAME/VERSION` or `NAME` (its production version). A version imported from XGBoost
 * is exported with its features in their original order. The bundle is read and checked in full
 * first: a damaged version is MODEL_FILE_INVALID, never a half-written export.
 *
 * @example
 * const { text } = await exportModel(stores, 'consumers-laundering-model@production', 'xgboost-json');
 */
export async function exportModel(
  stores: PlatformStores,
  ref: string,
  format: string,
): Promise<ExportedModel> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new AmlopsError(
      'USAGE',
      `unknown export format '${format}'; expected one of ${EXPORT_FORMATS.join(', ')}`,
    );
  const parsed = parseModelRef(ref);
  const version =
    parsed.version !== undefined
      ? await stores.registry.getModelVersion(parsed.name, parsed.version)
      : await stores.registry.getVersionByAlias(parsed.name, parsed.alias);
  if (version.status !== 'READY')
    throw new AmlopsError(
      'INVALID_STATE',
      `model version ${version.name}/${version.version} is ${version.status}; only READY versions can be exported`,
    );
  const files = artifactsAt(stores.artifacts, version.source);
  const texts = new Map<string, string>();
  const decoder = new TextDecoder();
  for (const path of [...Object.values(BUNDLE_PATHS), SOURCE_FEATURE_ORDER_PATH])
    if (await files.exists(path)) texts.set(path, decoder.decode(await files.get(path)));
  const bundle = bundleFromFiles((path) => texts.get(path));
  const order = texts.get(SOURCE_FEATURE_ORDER_PATH);
  const booster =
    order === undefined ? bundle.booster : reorderBoosterFeatures(bundle.booster, parseOrder(order));
  return {
    version,
    format: 'xgboost-json',
    text: saveXgboostJson(booster),
    featureNames: booster.featureNames,
  };
}

function parseOrder(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string'))
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `${SOURCE_FEATURE_ORDER_PATH} is not a JSON array of feature names`,
    );
  return value as string[];
}
