/**
 * The default value of `alerts.rules`: the original system's alert (a new version's test ROC AUC
 * below 0.89), drift of live traffic, the live ROC AUC from analysts' conclusions (below 0.89, or
 * more than 0.03 below the test ROC AUC) once 200 cases are concluded, and the scoring service's
 * errors and latency.
 */
export const DEFAULT_ALERT_RULES = [
  {
    name: 'test-roc-auc-low',
    metric: 'training.test_roc_auc',
    condition: '<',
    threshold: 0.89,
    severity: 'critical',
    summary: "A newly trained version's test ROC AUC is below 0.89 (the original system's alert).",
  },
  {
    name: 'live-data-drift',
    metric: 'live.drift_share',
    condition: '>=',
    threshold: 0.5,
    severity: 'warning',
    minCases: 100,
    summary: "Half or more of the model's input columns drifted in live traffic against its training data.",
  },
  {
    name: 'live-roc-auc-low',
    metric: 'live.roc_auc',
    condition: '<',
    threshold: 0.89,
    window: '30d',
    severity: 'critical',
    minCases: 200,
    summary: "The production version's ROC AUC on the cases analysts concluded on is below 0.89.",
  },
  {
    name: 'live-roc-auc-drop',
    metric: 'live.roc_auc_drop',
    condition: '>',
    threshold: 0.03,
    window: '30d',
    severity: 'warning',
    minCases: 200,
    summary: 'The live ROC AUC is more than 0.03 below the test ROC AUC the version was promoted with.',
  },
  {
    name: 'scoring-errors',
    metric: 'scoring.error_rate',
    condition: '>',
    threshold: 0.01,
    window: '15m',
    for: '5m',
    severity: 'critical',
    summary: 'More than 1% of scoring requests were answered with a server error.',
  },
  {
    name: 'scoring-latency',
    metric: 'scoring.p99_ms',
    condition: '>',
    threshold: 250,
    window: '15m',
    for: '5m',
    severity: 'warning',
    summary: "The scoring service's p99 latency is above 250 ms.",
  },
] as const;
