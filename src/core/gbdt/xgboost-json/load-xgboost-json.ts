import { AmlopsError } from '../../errors/index.js';
import type { Booster, ObjectiveName } from '../booster.js';
import type { Tree } from '../tree.js';
import { type JsonObject, jsonFields } from './json-fields.js';
import { readXgboostTree } from './read-xgboost-tree.js';

const OBJECTIVES: readonly ObjectiveName[] = ['binary:logistic', 'reg:squarederror'];
const NUMERIC_TYPES = new Set(['float', 'int', 'i', 'q']);

/**
 * Reads a model saved by XGBoost's `save_model("m.json")` (1.x or 2.x JSON, `gbtree`, one output,
 * numeric splits) into a {@link Booster} that scores exactly as XGBoost does. The text is only
 * parsed with `JSON.parse` and every field used is checked: a malformed file is refused with
 * MODEL_FILE_INVALID, content the engine cannot score faithfully (other objectives, categorical
 * splits, multi-class, dart, gblinear, random forests) with MODEL_UNSUPPORTED.
 *
 * @example
 * const booster = loadXgboostJson(await readFile('m.json', 'utf8'));
 */
export function loadXgboostJson(text: string): Booster {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `the model file is not valid JSON: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  const file = jsonFields.object(root, 'the model file');
  if (file.version !== undefined) readVersion(file.version);
  const learner = jsonFields.object(file.learner, 'learner');

  const modelParam = jsonFields.object(learner.learner_model_param, 'learner.learner_model_param');
  const featureCount = jsonFields.intString(
    modelParam.num_feature,
    'learner.learner_model_param.num_feature',
    1,
  );
  if (modelParam.num_class !== undefined) {
    const classes = jsonFields.intString(modelParam.num_class, 'learner.learner_model_param.num_class', 0);
    if (classes > 1)
      throw new AmlopsError(
        'MODEL_UNSUPPORTED',
        `multi-class models are not supported (num_class ${classes})`,
      );
  }
  if (modelParam.num_target !== undefined) {
    const targets = jsonFields.intString(modelParam.num_target, 'learner.learner_model_param.num_target', 0);
    if (targets > 1)
      throw new AmlopsError(
        'MODEL_UNSUPPORTED',
        `multi-target models are not supported (num_target ${targets})`,
      );
  }
  const objective = readObjective(learner);
  const baseScore = Math.fround(
    jsonFields.numberString(modelParam.base_score, 'learner.learner_model_param.base_score'),
  );
  if (objective === 'binary:logistic' && !(baseScore > 0 && baseScore < 1)) {
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `learner.learner_model_param.base_score is ${baseScore}; binary:logistic needs a probability in (0, 1)`,
    );
  }

  const featureNames = readFeatureNames(learner, featureCount);
  const trees = readTrees(learner, featureCount);
  const bestIteration = readBestIteration(learner, trees.length);
  return {
    objective,
    baseScore,
    featureNames,
    trees,
    ...(bestIteration === undefined ? {} : { bestIteration }),
  };
}

function readVersion(value: unknown): void {
  const version = jsonFields.array(value, 'version');
  const major = jsonFields.integer(version[0], 'version[0]', 0);
  if (major < 1 || major > 3) {
    throw new AmlopsError(
      'MODEL_UNSUPPORTED',
      `model files of XGBoost ${version.join('.')} are not supported (1.x to 3.x are)`,
    );
  }
}

function readObjective(learner: JsonObject): ObjectiveName {
  const json = jsonFields.object(learner.objective, 'learner.objective');
  const name = jsonFields.string(json.name, 'learner.objective.name');
  if (!OBJECTIVES.includes(name as ObjectiveName)) {
    throw new AmlopsError(
      'MODEL_UNSUPPORTED',
      `objective ${name} is not supported; supported: ${OBJECTIVES.join(', ')}`,
    );
  }
  return name as ObjectiveName;
}

function readFeatureNames(learner: JsonObject, featureCount: number): string[] {
  const names =
    learner.feature_names === undefined
      ? []
      : jsonFields.stringArray(learner.feature_names, 'learner.feature_names');
  if (names.length !== 0 && names.length !== featureCount) {
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `learner.feature_names has ${names.length} names; learner_model_param.num_feature is ${featureCount}`,
    );
  }
  const types =
    learner.feature_types === undefined
      ? []
      : jsonFields.stringArray(learner.feature_types, 'learner.feature_types');
  if (types.length !== 0 && types.length !== featureCount) {
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `learner.feature_types has ${types.length} types; learner_model_param.num_feature is ${featureCount}`,
    );
  }
  types.forEach((type, i) => {
    if (type === 'c')
      throw new AmlopsError('MODEL_UNSUPPORTED', `feature ${names[i] ?? i} is categorical; not supported`);
    if (!NUMERIC_TYPES.has(type)) {
      throw new AmlopsError(
        'MODEL_FILE_INVALID',
        `learner.feature_types[${i}] is ${JSON.stringify(type)}; not an XGBoost feature type`,
      );
    }
  });
  const result = names.length === 0 ? Array.from({ length: featureCount }, (_, i) => `f${i}`) : [...names];
  const duplicate = result.find((name, i) => result.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `learner.feature_names names ${JSON.stringify(duplicate)} twice`,
    );
  }
  return result;
}

function readTrees(learner: JsonObject, featureCount: number): Tree[] {
  const booster = jsonFields.object(learner.gradient_booster, 'learner.gradient_booster');
  const name = jsonFields.string(booster.name, 'learner.gradient_booster.name');
  if (name !== 'gbtree') {
    throw new AmlopsError('MODEL_UNSUPPORTED', `booster ${name} is not supported; only gbtree is`);
  }
  const model = jsonFields.object(booster.model, 'learner.gradient_booster.model');
  const param = jsonFields.object(
    model.gbtree_model_param,
    'learner.gradient_booster.model.gbtree_model_param',
  );
  const path = 'learner.gradient_booster.model';
  const parallel = jsonFields.intString(
    param.num_parallel_tree,
    `${path}.gbtree_model_param.num_parallel_tree`,
    1,
  );
  if (parallel !== 1) {
    throw new AmlopsError(
      'MODEL_UNSUPPORTED',
      `random forests (num_parallel_tree ${parallel}) are not supported`,
    );
  }
  const count = jsonFields.intString(param.num_trees, `${path}.gbtree_model_param.num_trees`, 0);
  const treesJson = jsonFields.array(model.trees, `${path}.trees`, count);
  const info = jsonFields.int32Array(model.tree_info, `${path}.tree_info`, count);
  const group = info.findIndex((g) => g !== 0);
  if (group !== -1) {
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `${path}.tree_info[${group}] is ${info[group]}; a single-output model has only group 0`,
    );
  }
  return treesJson.map((tree, i) => readXgboostTree(tree, `${path}.trees[${i}]`, i, featureCount));
}

function readBestIteration(learner: JsonObject, treeCount: number): number | undefined {
  if (learner.attributes === undefined) return undefined;
  const attributes = jsonFields.object(learner.attributes, 'learner.attributes');
  if (attributes.best_iteration === undefined) return undefined;
  return jsonFields.intString(
    attributes.best_iteration,
    'learner.attributes.best_iteration',
    0,
    treeCount - 1,
  );
}
