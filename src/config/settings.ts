import { DEFAULT_ALERT_RULES } from '../core/alerts/default-alert-rules.js';
import { parseAlertRules } from '../core/alerts/parse-alert-rules.js';
import { parseSchedules } from '../core/schedule/index.js';
import { checkAllowedHosts, checkCorsOrigins, checkProxyAddresses } from './network-setting-checks.js';
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
  'data.foldCategories': {
    type: 'boolean',
    default: true,
    env: 'AMLOPS_DATA_FOLD_CATEGORIES',
    description:
      "Train models for which categories that differ only by surrounding spaces and case are one (' high ' is HIGH); the model keeps it, so its scoring folds as its training did, counting folded values in warnings. false keeps every spelling apart.",
  },
  'data.incomeColumn': {
    type: 'string',
    default: 'total_income_dollar_amount',
    env: 'AMLOPS_DATA_INCOME_COLUMN',
    description:
      'Numeric column of money received: with data.outcomeColumn, the derived features (outflow/inflow ratio, net flow) are computed from it. Must be one of data.numericColumns; empty for no derived features.',
  },
  'data.outcomeColumn': {
    type: 'string',
    default: 'total_outcome_dollar_amount',
    env: 'AMLOPS_DATA_OUTCOME_COLUMN',
    description:
      'Numeric column of money sent, the other side of data.incomeColumn. Must be one of data.numericColumns; empty for no derived features.',
  },
  'data.idColumn': {
    type: 'string',
    default: '',
    env: 'AMLOPS_DATA_ID_COLUMN',
    description:
      'Column naming each case (kept with every scored case in the audit log, and how analysts name a case in feedback); empty: case_id when the training data has it, else user_id when it has that. The model keeps it, so scoring takes it from requests and files.',
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
  'evaluation.segmentColumns': {
    type: 'string-list',
    default: [],
    env: 'AMLOPS_EVALUATION_SEGMENT_COLUMNS',
    description:
      'Columns the test evaluation (evaluation.json, the model card, `amlops train`) is broken down by, besides the categorical feature columns and the amounts of data.incomeColumn and data.outcomeColumn, which always are: a numeric column in quantile bands of the train split, any other column by value. Each segment gets its ROC AUC, precision and recall at the threshold, alert rate, count and positives. Live performance breaks down by any input column (`amlops predictions performance --by COLUMN`).',
  },
  'evaluation.segmentBands': {
    type: 'integer',
    default: 4,
    min: 2,
    max: 20,
    env: 'AMLOPS_EVALUATION_SEGMENT_BANDS',
    description:
      'Quantile bands a numeric column is cut in for the evaluation by segment (4: quartiles of the train split). The cuts are kept with the evaluation, so live performance cuts the cases a version scored at the same amounts.',
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
  'alerts.rules': {
    type: 'json',
    default: DEFAULT_ALERT_RULES,
    env: 'AMLOPS_ALERTS_RULES',
    validate: parseAlertRules,
    shape:
      'a JSON list of `{"name", "metric", "condition", "threshold", "window"?, "for"?, "severity"?, "minCases"?, "summary"?}`',
    description:
      "Alert rules, evaluated after each training (`training.*` metrics) and by the `monitor` flow (`live.*`, `scoring.*`): a rule fires when its metric meets the condition for the `for` duration. Metrics: `training.test_roc_auc`, `live.drift_share`, `live.score_drift`, `live.roc_auc`, `live.roc_auc_drop`, `scoring.error_rate`, `scoring.p99_ms`. The defaults are the original's alert (test ROC AUC < 0.89) and live drift, live ROC AUC, its drop from the test ROC AUC, scoring errors and latency.",
  },
  'alerts.webhookUrl': {
    type: 'string',
    default: '',
    env: 'AMLOPS_ALERTS_WEBHOOK_URL',
    secret: true,
    secretPath: true,
    description:
      "Where alert notifications are POSTed, as the JSON Grafana's webhook contact point sends (`receiver`, `status`, `alerts[]`…); retried with backoff, every attempt recorded. Empty: alerts are only logged and kept in the store.",
  },
  'monitoring.windowHours': {
    type: 'number',
    default: 24,
    min: 0.001,
    max: 8760,
    env: 'AMLOPS_MONITORING_WINDOW_HOURS',
    description:
      'Live quality and drift reports compare the cases the production version scored in this many hours, up to now, with a sample of its training data.',
  },
  'monitoring.maxCases': {
    type: 'integer',
    default: 1000000,
    min: 100,
    max: 100000000,
    env: 'AMLOPS_MONITORING_MAX_CASES',
    description: 'Most cases of the window (the newest) a live report reads from the audit log.',
  },
  'monitoring.intervalMinutes': {
    type: 'number',
    default: 15,
    min: 0,
    max: 10080,
    env: 'AMLOPS_MONITORING_INTERVAL_MINUTES',
    description:
      "How often `amlops up` runs the `monitor` flow (a live quality report, live performance, the service's error rate and latency, then the alert rules); 0 turns it off (run it with `amlops pipelines run monitor`).",
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
  'cases.capacityPerDay': {
    type: 'number',
    default: 0,
    min: 0,
    max: 1e9,
    env: 'AMLOPS_CASES_CAPACITY_PER_DAY',
    description:
      "How many alerted cases the analysts' team can review a day: `amlops threshold` picks the threshold that sends about that many out of `cases.dailyVolume` (`--capacity` overrides it). 0: not set; the command then asks for `--capacity`.",
  },
  'cases.dailyVolume': {
    type: 'number',
    default: 0,
    min: 0,
    max: 1e12,
    env: 'AMLOPS_CASES_DAILY_VOLUME',
    description:
      'How many cases the platform scores a day, from which a capacity becomes an alert rate (`amlops threshold`; `--daily-volume` overrides it). Must not be smaller than the capacity. 0: not set.',
  },
  'cases.sampleRate': {
    type: 'number',
    default: 0,
    min: 0,
    max: 1,
    env: 'AMLOPS_CASES_SAMPLE_RATE',
    description:
      "Share of the scored cases below their version's alert threshold that also open a case for the analysts, marked `sampled` (drawn by a hash of the request id and row: the same cases on every run). Only alerted cases get conclusions otherwise, so the next training and the live performance would see one side of the threshold only (docs/cases.md). 0: none; 0.01 sends one below-threshold case in a hundred.",
  },
  'auth.mode': {
    type: 'enum',
    values: ['none', 'keys', 'oidc'],
    default: 'none',
    env: 'AMLOPS_AUTH_MODE',
    description:
      'Who may call the server: `none`, every route is open (for a server on 127.0.0.1 only); `keys`, every route but health checks needs an API key (`Authorization: Bearer <key>`, made with `amlops keys create`) whose role grants it (docs/security.md); `oidc`, the same with tokens of an identity provider (settings auth.oidc.*).',
  },
  'auth.oidc.jwksUrl': {
    type: 'string',
    default: '',
    env: 'AMLOPS_AUTH_OIDC_JWKS_URL',
    description:
      "With `auth.mode=oidc`: the identity provider's JWKS URL, whose keys sign the tokens (required).",
  },
  'auth.oidc.issuer': {
    type: 'string',
    default: '',
    env: 'AMLOPS_AUTH_OIDC_ISSUER',
    description: 'With `auth.mode=oidc`: the `iss` a token must carry (required).',
  },
  'auth.oidc.audience': {
    type: 'string',
    default: '',
    env: 'AMLOPS_AUTH_OIDC_AUDIENCE',
    description: 'With `auth.mode=oidc`: the `aud` a token must carry, naming this service (required).',
  },
  'auth.oidc.roleClaim': {
    type: 'string',
    default: 'amlops_role',
    env: 'AMLOPS_AUTH_OIDC_ROLE_CLAIM',
    description:
      "With `auth.mode=oidc`: the claim holding the caller's amlops role (read, score, write, admin), or a list of them (the strongest counts).",
  },
  'auth.oidc.clockSkewSeconds': {
    type: 'integer',
    default: 60,
    min: 0,
    max: 600,
    env: 'AMLOPS_AUTH_OIDC_CLOCK_SKEW_SECONDS',
    description:
      "With `auth.mode=oidc`: how far the identity provider's clock may be from this one's, for expiry and not-before.",
  },
  'auth.scoringNeedsKey': {
    type: 'boolean',
    default: true,
    env: 'AMLOPS_AUTH_SCORING_NEEDS_KEY',
    description:
      'With `auth.mode=keys`: false lets anyone who reaches the port score cases (the audit log then records no caller).',
  },
  'auth.metricsNeedsKey': {
    type: 'boolean',
    default: true,
    env: 'AMLOPS_AUTH_METRICS_NEEDS_KEY',
    description:
      'With `auth.mode=keys`: false lets anyone who reaches the port read `/metrics` (Prometheus can also send a `read` key as a bearer token).',
  },
  'auth.allowOpenNetwork': {
    type: 'boolean',
    default: false,
    env: 'AMLOPS_AUTH_ALLOW_OPEN_NETWORK',
    description:
      'With `auth.mode=none`, a `server.host` other than a loopback address refuses to start unless this is true (say so only when a proxy in front authenticates every request).',
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
  'server.workers': {
    type: 'integer',
    default: 0,
    min: 0,
    max: 1024,
    env: 'AMLOPS_SERVER_WORKERS',
    description: 'Processes `amlops serve` runs (node cluster); 0 means one per CPU core.',
  },
  'server.workerSemiSpaceMb': {
    type: 'integer',
    default: 8,
    min: 0,
    max: 1024,
    env: 'AMLOPS_SERVER_WORKER_SEMI_SPACE_MB',
    description:
      "Young-generation semi-space of each serving worker a cluster starts, in MB (V8's `--max-semi-space-size`): smaller keeps a worker's memory lower under large requests, at the cost of more frequent minor collections; 0 keeps V8's default (16 MB). A `--max-semi-space-size` given in `NODE_OPTIONS` wins.",
  },
  'server.allowedHosts': {
    type: 'string-list',
    default: ['localhost', '127.0.0.1', '[::1]'],
    env: 'AMLOPS_SERVER_ALLOWED_HOSTS',
    validate: checkAllowedHosts,
    shape: 'a host name or address without port (`[::1]` for IPv6), or `*` alone',
    description:
      "Names and addresses a request's `Host` header may give (port ignored); `server.host` is added when it is a name or address other than 0.0.0.0 or ::. Any other `Host` is refused (421 HTTP_HOST_NOT_ALLOWED), so a web page on another site cannot reach the server through DNS rebinding. List the name clients use (`amlops.example.com`) when the server is reached by one; `*` turns the check off (only behind a proxy that checks `Host`).",
  },
  'server.corsOrigins': {
    type: 'string-list',
    default: [],
    env: 'AMLOPS_SERVER_CORS_ORIGINS',
    validate: checkCorsOrigins,
    shape: 'an origin such as `https://ui.example.com`',
    description:
      'Web pages of other sites allowed to call the API from a browser (CORS), by origin. Empty: no CORS headers at all, so browsers let only pages served by amlops itself read its answers.',
  },
  'server.trustedProxies': {
    type: 'string-list',
    default: [],
    env: 'AMLOPS_SERVER_TRUSTED_PROXIES',
    validate: checkProxyAddresses,
    shape: 'an IP address or CIDR range',
    description:
      "Addresses of the proxies in front (nginx) whose `X-Forwarded-For` names the client: rate limits per address then count each client rather than the proxy. Empty: the connection's address is the client's.",
  },
  'server.tlsCertFile': {
    type: 'string',
    default: '',
    env: 'AMLOPS_SERVER_TLS_CERT_FILE',
    description:
      'PEM certificate (with its chain) the server answers HTTPS with; with `server.tlsKeyFile` (both or neither). Empty: plain HTTP, for 127.0.0.1 or behind a proxy that terminates TLS (docs/security.md).',
  },
  'server.tlsKeyFile': {
    type: 'string',
    default: '',
    env: 'AMLOPS_SERVER_TLS_KEY_FILE',
    description: "PEM private key of `server.tlsCertFile`'s certificate (both or neither).",
  },
  'rateLimit.failedAuthPerMinute': {
    type: 'integer',
    default: 10,
    min: 0,
    max: 1000000,
    env: 'AMLOPS_RATE_LIMIT_FAILED_AUTH_PER_MINUTE',
    description:
      'With `auth.mode=keys` or `oidc`: failed authentications (401) one address may make in a minute; further requests from it are refused (429 HTTP_RATE_LIMITED with `Retry-After`) until the minute is over, right key or not, so keys cannot be guessed quickly. Counted per process. 0: no limit.',
  },
  'rateLimit.scoringPerMinute': {
    type: 'integer',
    default: 0,
    min: 0,
    max: 1000000000,
    env: 'AMLOPS_RATE_LIMIT_SCORING_PER_MINUTE',
    description:
      'Scoring requests one API key (or, for scoring without a key, one address) may make in a minute; more are refused (429 HTTP_RATE_LIMITED with `Retry-After`). Counted per process: with `server.workers` processes or several replicas, a caller may make up to that many times more. 0 (default): no limit, and no cost on the scoring path.',
  },
  'scoring.maxRows': {
    type: 'integer',
    default: 10000,
    min: 1,
    max: 10000000,
    env: 'AMLOPS_SCORING_MAX_ROWS',
    description: 'Most cases scored in one request; a larger request is refused (413 SCORING_TOO_MANY_ROWS).',
  },
  'scoring.bodyLimitBytes': {
    type: 'integer',
    default: 10485760,
    min: 1024,
    max: 1073741824,
    env: 'AMLOPS_SCORING_BODY_LIMIT_BYTES',
    description: 'Largest scoring request body, in bytes; a larger one is refused (413 HTTP_BODY_TOO_LARGE).',
  },
  'scoring.pollSeconds': {
    type: 'number',
    default: 5,
    min: 0.1,
    max: 3600,
    env: 'AMLOPS_SCORING_POLL_SECONDS',
    description:
      'How often a scoring server asks the registry which version the alias points to; a new one is loaded, verified and swapped in. On PostgreSQL a moved alias is also notified at once (LISTEN/NOTIFY), and polling is the fallback.',
  },
  'scoring.shadowChallenger': {
    type: 'boolean',
    default: false,
    env: 'AMLOPS_SCORING_SHADOW_CHALLENGER',
    description:
      'Also score every request with the `challenger` alias and log its scores (never returned), to compare before promoting it.',
  },
  'audit.enabled': {
    type: 'boolean',
    default: true,
    env: 'AMLOPS_AUDIT_ENABLED',
    description:
      "Record every scored case (request id, row, model version, inputs, score, time, caller, the client's X-Request-Id).",
  },
  'audit.maxBacklogMb': {
    type: 'integer',
    default: 256,
    min: 1,
    max: 1000000,
    env: 'AMLOPS_AUDIT_MAX_BACKLOG_MB',
    description:
      'Most megabytes of answered cases each serving process may have on disk (its audit spool file) not yet written to the store. Every case is in that file before its answer leaves; when the store falls this far behind (slow or unreachable), scoring answers 503 AUDIT_UNAVAILABLE with Retry-After (amlops_audit_refused_total) until it catches up: never an unrecorded answer.',
  },
  'audit.fsyncMs': {
    type: 'integer',
    default: 1000,
    min: 0,
    max: 60000,
    env: 'AMLOPS_AUDIT_FSYNC_MS',
    description:
      'How often each serving process flushes its audit spool file to the disk (fsync), in milliseconds: a killed process loses no answered case whatever this is; a machine that loses power loses at most the cases answered in the last interval. 0 flushes before every answer (much slower).',
  },
  'audit.retentionDays': {
    type: 'integer',
    default: 400,
    min: 0,
    max: 36500,
    env: 'AMLOPS_AUDIT_RETENTION_DAYS',
    description:
      'Scored cases older than this many days are deleted from the audit log (0 keeps them forever).',
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
      "Endpoint of an S3-compatible store (empty: AWS). Credentials come from the standard AWS variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, each also readable from the file `<VAR>_FILE` names) or the SDK's usual chain; a `user:password@` in the endpoint is redacted when printed.",
  },
  'logging.level': {
    type: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    env: 'AMLOPS_LOG_LEVEL',
    description: 'Least severe level of log lines written.',
  },
  'pipelines.schedules': {
    type: 'json',
    default: [],
    env: 'AMLOPS_PIPELINES_SCHEDULES',
    validate: parseSchedules,
    shape:
      'a JSON list of `{"flow", "cron", "timezone"?, "params"?}` or `{"flow", "intervalSeconds", "params"?}`',
    description:
      'Flows `amlops up` runs on a schedule: a five-field cron expression in an IANA time zone (default UTC), or every N seconds. Example: `[{"flow": "train", "cron": "0 3 * * *", "timezone": "Europe/Madrid"}]`.',
  },
  'pipelines.heartbeatSeconds': {
    type: 'number',
    default: 10,
    min: 0.05,
    max: 3600,
    env: 'AMLOPS_PIPELINES_HEARTBEAT_SECONDS',
    description:
      'How often a process running a pipeline run records that it is alive (and reads cancel requests); workers also look for crashed runs this often.',
  },
  'pipelines.crashAfterSeconds': {
    type: 'number',
    default: 120,
    min: 0.5,
    max: 86400,
    env: 'AMLOPS_PIPELINES_CRASH_AFTER_SECONDS',
    description:
      'A run whose process has not beaten for this long is marked Crashed, and a queued one is picked up again by another worker. Keep it well above the heartbeat.',
  },
  'pipelines.pollSeconds': {
    type: 'number',
    default: 2,
    min: 0.5,
    max: 3600,
    env: 'AMLOPS_PIPELINES_POLL_SECONDS',
    description:
      'How often an idle `amlops worker` asks the queue for a job; with the SQLite store, how often `amlops up` looks for runs started by its API.',
  },
  'pipelines.crashRetries': {
    type: 'integer',
    default: 3,
    min: 0,
    max: 100,
    env: 'AMLOPS_PIPELINES_CRASH_RETRIES',
    description: 'How many times a queued run whose worker died is handed to another worker.',
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
        : S extends { type: 'json' }
          ? unknown
          : string;

/** The effective configuration: every setting with its value, by dotted key. */
export type Config = { readonly [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };
