import { AmlopsError } from '../errors/index.js';
import type { ObjectiveName } from './booster.js';

/** How trees grow: level by level, or always at the leaf with the largest loss reduction. */
export type GrowPolicy = 'depthwise' | 'lossguide';

/** Metrics an evaluation set can be scored with during training. */
export type EvalMetricName = 'auc' | 'logloss' | 'rmse';

/**
 * Training parameters, named as XGBoost 1.7 names them. Every field is optional in
 * {@link GbdtParamsInput}; {@link resolveParams} fills XGBoost's defaults and validates.
 */
export interface GbdtParams {
  readonly objective: ObjectiveName;
  readonly n_estimators: number;
  readonly max_depth: number;
  readonly learning_rate: number;
  readonly min_child_weight: number;
  readonly reg_lambda: number;
  readonly reg_alpha: number;
  readonly gamma: number;
  readonly subsample: number;
  readonly colsample_bytree: number;
  readonly scale_pos_weight: number;
  readonly max_bin: number;
  readonly base_score: number;
  readonly max_leaves: number;
  readonly grow_policy: GrowPolicy;
  /** Stop when the last metric of the last evaluation set has not improved for this many rounds. */
  readonly early_stopping_rounds: number | undefined;
  /** Defaults to `logloss` for binary:logistic and `rmse` for reg:squarederror, as XGBoost. */
  readonly eval_metric: EvalMetricName;
  readonly seed: number;
}

export type GbdtParamsInput = Partial<GbdtParams>;

/** XGBoost 1.7's defaults (`learning_rate` is its `eta`, 0.3). */
export const DEFAULT_PARAMS: GbdtParams = {
  objective: 'binary:logistic',
  n_estimators: 100,
  max_depth: 6,
  learning_rate: 0.3,
  min_child_weight: 1,
  reg_lambda: 1,
  reg_alpha: 0,
  gamma: 0,
  subsample: 1,
  colsample_bytree: 1,
  scale_pos_weight: 1,
  max_bin: 256,
  base_score: 0.5,
  max_leaves: 0,
  grow_policy: 'depthwise',
  early_stopping_rounds: undefined,
  eval_metric: 'logloss',
  seed: 0,
};

const OBJECTIVES: readonly ObjectiveName[] = ['binary:logistic', 'reg:squarederror'];
const POLICIES: readonly GrowPolicy[] = ['depthwise', 'lossguide'];
const METRICS: readonly EvalMetricName[] = ['auc', 'logloss', 'rmse'];

/**
 * Fills XGBoost's defaults and checks every parameter; throws `MODEL_PARAM_INVALID` naming the
 * parameter, the value and the allowed range.
 *
 * @example
 * resolveParams({ max_depth: 3 }).learning_rate; // 0.3
 * resolveParams({ max_depth: 0 }); // throws MODEL_PARAM_INVALID: max_depth must be an integer in [1, 31]; got 0
 */
export function resolveParams(input: GbdtParamsInput = {}): GbdtParams {
  for (const key of Object.keys(input)) {
    if (!(key in DEFAULT_PARAMS)) {
      throw invalid(
        key,
        (input as Record<string, unknown>)[key],
        `a known parameter (${Object.keys(DEFAULT_PARAMS).join(', ')})`,
      );
    }
  }
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const objective = (defined.objective as ObjectiveName | undefined) ?? DEFAULT_PARAMS.objective;
  const p: GbdtParams = {
    ...DEFAULT_PARAMS,
    eval_metric: objective === 'reg:squarederror' ? 'rmse' : 'logloss',
    ...defined,
  };
  oneOf('objective', p.objective, OBJECTIVES);
  oneOf('grow_policy', p.grow_policy, POLICIES);
  oneOf('eval_metric', p.eval_metric, METRICS);
  integer('n_estimators', p.n_estimators, 1, 1_000_000);
  const minDepth = p.grow_policy === 'lossguide' && p.max_leaves > 0 ? 0 : 1;
  integer('max_depth', p.max_depth, minDepth, 31);
  number('learning_rate', p.learning_rate, 0, Number.POSITIVE_INFINITY, '(0, inf)', false);
  number('min_child_weight', p.min_child_weight, 0, Number.POSITIVE_INFINITY, '[0, inf)');
  number('reg_lambda', p.reg_lambda, 0, Number.POSITIVE_INFINITY, '[0, inf)');
  number('reg_alpha', p.reg_alpha, 0, Number.POSITIVE_INFINITY, '[0, inf)');
  number('gamma', p.gamma, 0, Number.POSITIVE_INFINITY, '[0, inf)');
  number('subsample', p.subsample, 0, 1, '(0, 1]', false);
  number('colsample_bytree', p.colsample_bytree, 0, 1, '(0, 1]', false);
  number('scale_pos_weight', p.scale_pos_weight, 0, Number.POSITIVE_INFINITY, '(0, inf)', false);
  integer('max_bin', p.max_bin, 2, 65535);
  integer('max_leaves', p.max_leaves, 0, 1 << 20);
  if (p.max_leaves === 1) throw invalid('max_leaves', 1, '0 (no limit) or an integer >= 2');
  if (p.objective === 'binary:logistic') {
    number('base_score', p.base_score, 0, 1, '(0, 1) for binary:logistic', false);
    if (p.base_score >= 1) throw invalid('base_score', p.base_score, '(0, 1) for binary:logistic');
  } else {
    number('base_score', p.base_score, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 'a finite number');
  }
  if (p.early_stopping_rounds !== undefined)
    integer('early_stopping_rounds', p.early_stopping_rounds, 1, 1_000_000);
  integer('seed', p.seed, 0, 4294967295);
  return p;
}

function invalid(name: string, value: unknown, range: string): AmlopsError {
  return new AmlopsError(
    'MODEL_PARAM_INVALID',
    `${name} must be ${range}; got ${JSON.stringify(value) ?? String(value)}`,
    { parameter: name, value, allowed: range },
  );
}

function oneOf<T>(name: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) throw invalid(name, value, `one of ${allowed.join(', ')}`);
}

function integer(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(name, value, `an integer in [${min}, ${max}]`);
  }
}

function number(
  name: string,
  value: unknown,
  min: number,
  max: number,
  range: string,
  minInclusive = true,
): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minInclusive ? value >= min : value > min) &&
    value <= max;
  if (!ok) throw invalid(name, value, range);
}
