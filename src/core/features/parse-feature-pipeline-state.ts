import { AmlopsError } from '../errors/index.js';
import { foldCategory } from './category-folding.js';
import { DOMAIN_FEATURE_NAMES, type DomainFeatureName } from './domain-features.js';
import { featureNames } from './feature-names.js';
import {
  type DomainState,
  FEATURE_PIPELINE_VERSION,
  type FeaturePipelineState,
  type OneHotState,
} from './feature-pipeline-state.js';
import type { MissingPolicy } from './feature-spec.js';

/**
 * Checks a feature pipeline state read from a model file, strictly: every key known and of its
 * type, no key extra, the version supported, categories sorted and unique, and the feature
 * names exactly those the rest implies. A malformed state is an `AmlopsError('MODEL_FILE_INVALID')`
 * naming where it is wrong; it is never half-applied.
 *
 * @example
 * const state = parseFeaturePipelineState(JSON.parse(text).features);
 */
export function parseFeaturePipelineState(json: unknown): FeaturePipelineState {
  const root = record(json, 'features', [
    'version',
    'missing',
    'numeric',
    'categorical',
    'domain',
    'featureNames',
  ]);
  if (root.version !== FEATURE_PIPELINE_VERSION)
    fail(
      'features.version',
      `is ${JSON.stringify(root.version)}; this amlops reads version ${FEATURE_PIPELINE_VERSION}`,
    );
  const missing = parseMissing(root.missing);
  const numeric = uniqueStrings(root.numeric, 'features.numeric');
  if (!Array.isArray(root.categorical)) fail('features.categorical', 'must be an array');
  const categorical = (root.categorical as unknown[]).map((c, i) =>
    parseOneHot(c, `features.categorical[${i}]`),
  );
  const domain = root.domain === null ? null : parseDomain(root.domain);
  const names = uniqueStrings(root.featureNames, 'features.featureNames');
  const expected = featureNames(numeric, categorical, domain);
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i]))
    fail('features.featureNames', `do not match the pipeline: expected ${JSON.stringify(expected)}`);
  return { version: FEATURE_PIPELINE_VERSION, missing, numeric, categorical, domain, featureNames: names };
}

function parseMissing(value: unknown): MissingPolicy {
  const strategy = (value as { strategy?: unknown } | null)?.strategy;
  if (strategy === 'keep') {
    record(value, 'features.missing', ['strategy']);
    return { strategy: 'keep' };
  }
  if (strategy === 'fill') {
    const fill = record(value, 'features.missing', ['strategy', 'value']).value;
    if (typeof fill !== 'number' || !Number.isFinite(fill))
      fail('features.missing.value', 'must be a finite number');
    return { strategy: 'fill', value: fill as number };
  }
  return fail('features.missing', 'must be {"strategy":"keep"} or {"strategy":"fill","value":<number>}');
}

function parseOneHot(value: unknown, path: string): OneHotState {
  const fold = (value as { fold?: unknown } | null)?.fold;
  const o = record(
    value,
    path,
    fold === undefined ? ['column', 'categories', 'impute'] : ['column', 'categories', 'impute', 'fold'],
  );
  if (fold !== undefined && fold !== true) fail(`${path}.fold`, 'must be true when present');
  const column = nonEmptyString(o.column, `${path}.column`);
  const categories = uniqueStrings(o.categories, `${path}.categories`);
  if (categories.some((c, i) => i > 0 && categories[i - 1]! >= c))
    fail(`${path}.categories`, 'must be sorted');
  if (o.impute !== null && (typeof o.impute !== 'string' || !categories.includes(o.impute)))
    fail(`${path}.impute`, 'must be null or one of the categories');
  if (fold === true) {
    const folds = categories.map(foldCategory);
    const shared = folds.find((f, i) => folds.indexOf(f) !== i);
    if (shared !== undefined)
      fail(`${path}.categories`, `has two categories that fold to ${JSON.stringify(shared)}`);
  }
  return { column, categories, impute: o.impute as string | null, ...(fold === true ? { fold } : {}) };
}

function parseDomain(value: unknown): DomainState {
  const o = record(value, 'features.domain', ['incomeColumn', 'outcomeColumn', 'features']);
  const features = uniqueStrings(o.features, 'features.domain.features');
  const unknown = features.find((f) => !(DOMAIN_FEATURE_NAMES as readonly string[]).includes(f));
  if (unknown !== undefined)
    fail('features.domain.features', `has unknown derived feature ${JSON.stringify(unknown)}`);
  return {
    incomeColumn: nonEmptyString(o.incomeColumn, 'features.domain.incomeColumn'),
    outcomeColumn: nonEmptyString(o.outcomeColumn, 'features.domain.outcomeColumn'),
    features: features as DomainFeatureName[],
  };
}

function record(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!keys.includes(key)) fail(`${path}.${key}`, 'is not a known key');
  for (const key of keys) if (!(key in o)) fail(`${path}.${key}`, 'is missing');
  return o;
}

function uniqueStrings(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) fail(path, 'must be an array of strings');
  const list = (value as unknown[]).map((item, i) => nonEmptyString(item, `${path}[${i}]`));
  const repeated = list.find((item, i) => list.indexOf(item) !== i);
  if (repeated !== undefined) fail(path, `lists ${JSON.stringify(repeated)} twice`);
  return list;
}

function nonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'must be a non-empty string');
  return value as string;
}

function fail(path: string, problem: string): never {
  throw new AmlopsError(
    'MODEL_FILE_INVALID',
    `invalid feature pipeline in the model file: ${path} ${problem}`,
    {
      path,
    },
  );
}
