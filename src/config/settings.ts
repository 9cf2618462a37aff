import type { SettingSpec } from './setting-spec.js';

/**
 * Every setting of amlops. The defaults reproduce the original system (DESIGN.md, "The data
 * contract"). Sources, lowest first: these defaults < `amlops.config.json` (or `--config FILE`)
 * < environment < command-line flags.
 */
export const SETTINGS = {
  home: {
    type: 'string',
    default: './.amlops',
    env: 'AMLOPS_HOME',
    description: 'Directory holding all local state: the embedded store, artifacts and logs.',
  },
  'data.numericColumns': {
    type: 'string-list',
    default: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
    env: 'AMLOPS_DATA_NUMERIC_COLUMNS',
    description:
      'Numeric feature columns (amounts in USD; empty means missing; negative amounts are refused).',
  },
  'data.categoricalColumns': {
    type: 'string-list',
    default: ['risk_pld'],
    env: 'AMLOPS_DATA_CATEGORICAL_COLUMNS',
    description: 'Categorical feature columns (empty means missing; unseen values are scored as missing).',
  },
  'data.targetColumn': {
    type: 'string',
    default: 'conclusion',
    env: 'AMLOPS_DATA_TARGET_COLUMN',
    description: "Column holding the analyst's conclusion, from which the label is derived.",
  },
  'data.negativeValue': {
    type: 'string',
    default: 'CLOSED_NO_ROI',
    env: 'AMLOPS_DATA_NEGATIVE_VALUE',
    description: 'Conclusion meaning "not laundering": label 0. Every other conclusion is label 1.',
  },
  'data.positiveValues': {
    type: 'string-list',
    default: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'],
    env: 'AMLOPS_DATA_POSITIVE_VALUES',
    description:
      'Conclusions known to mean "laundering". Others still count as label 1 (as in the original) but are reported by validation.',
  },
  'split.testSize': {
    type: 'number',
    default: 0.3,
    min: 0,
    max: 1,
    exclusive: true,
    env: 'AMLOPS_SPLIT_TEST_SIZE',
    description: 'Share of the rows held out as the test split (stratified by label).',
  },
  'split.seed': {
    type: 'integer',
    default: 42,
    min: 0,
    max: 4294967295,
    env: 'AMLOPS_SPLIT_SEED',
    description: 'Seed of the train/test split.',
  },
  'training.preset': {
    type: 'enum',
    values: ['default', 'original'],
    default: 'default',
    env: 'AMLOPS_TRAINING_PRESET',
    description:
      "Search preset: `original` is the original's 5-fold grid; `default` is a stronger, time-budgeted search.",
  },
  'training.seed': {
    type: 'integer',
    default: 42,
    min: 0,
    max: 4294967295,
    env: 'AMLOPS_TRAINING_SEED',
    description:
      'Seed of training (folds, subsampling): the same data, settings and seed give the same model.',
  },
  'training.budgetSeconds': {
    type: 'number',
    default: 60,
    min: 1,
    max: 86400,
    env: 'AMLOPS_TRAINING_BUDGET_SECONDS',
    description: 'Time budget of the `default` search, in seconds.',
  },
  'model.name': {
    type: 'string',
    default: 'consumers-laundering-model',
    env: 'AMLOPS_MODEL_NAME',
    description: 'Name of the registered model (and of the experiment its runs are logged to).',
  },
  'alerts.minTestRocAuc': {
    type: 'number',
    default: 0.89,
    min: 0,
    max: 1,
    env: 'AMLOPS_ALERTS_MIN_TEST_ROC_AUC',
    description: 'Alert (and promotion gate) when the test ROC AUC is below this value.',
  },
  'promotion.policy': {
    type: 'enum',
    values: ['gated', 'always'],
    default: 'gated',
    env: 'AMLOPS_PROMOTION_POLICY',
    description:
      '`gated` promotes a new version only when it passes the ROC AUC gate and is not worse than production; `always` promotes every trained model, as the original did.',
  },
  'promotion.tolerance': {
    type: 'number',
    default: 0.005,
    min: 0,
    max: 1,
    env: 'AMLOPS_PROMOTION_TOLERANCE',
    description:
      'How much lower than the production model a new version may score on the same test split and still be promoted.',
  },
  'server.host': {
    type: 'string',
    default: '127.0.0.1',
    env: 'AMLOPS_HOST',
    description: 'Address the API and UI listen on.',
  },
  'server.port': {
    type: 'integer',
    default: 8080,
    min: 0,
    max: 65535,
    env: 'AMLOPS_PORT',
    description: 'Port the API and UI listen on (0 picks a free port).',
  },
  'store.databaseUrl': {
    type: 'string',
    default: '',
    env: 'DATABASE_URL',
    secret: true,
    description:
      'Tracking, registry and audit store. Empty: the embedded SQLite file `<home>/amlops.db`; `postgres://…` for PostgreSQL.',
  },
  'artifacts.uri': {
    type: 'string',
    default: '',
    env: 'ARTIFACTS_URI',
    description: 'Where artifacts are stored. Empty: `<home>/artifacts`; `s3://bucket/prefix` for S3.',
  },
  'artifacts.s3Endpoint': {
    type: 'string',
    default: '',
    env: 'S3_ENDPOINT',
    description:
      'Endpoint of an S3-compatible store (empty: AWS). Credentials come from the standard AWS variables.',
  },
  'logging.level': {
    type: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    env: 'AMLOPS_LOG_LEVEL',
    description: 'Least severe level of log lines written.',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

type ValueOf<S> = S extends { type: 'string-list' }
  ? readonly string[]
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'number' | 'integer' }
      ? number
      : S extends { type: 'enum'; values: readonly (infer V)[] }
        ? V
        : string;

/** The effective configuration: every setting with its value, by dotted key. */
export type Config = { readonly [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };
