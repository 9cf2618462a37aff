/**
 * The metrics an alert rule can watch: what each means, its range, whether it counts cases (and so
 * takes `minCases`) and whether a rule gives its window (training metrics have none; drift metrics
 * are read from the live report, whose window is `monitoring.windowHours`).
 */
export const ALERT_METRICS = {
  'training.test_roc_auc': {
    description: "The newest trained version's ROC AUC on its test split (evaluated after each training).",
    range: [0, 1],
    cases: false,
    windowed: false,
  },
  'live.drift_share': {
    description:
      "Share of feature columns drifting in the production version's live window (the dataset drifts at 0.5).",
    range: [0, 1],
    cases: true,
    windowed: false,
  },
  'live.score_drift': {
    description: "1 when the production version's score distribution drifted in the live window, else 0.",
    range: [0, 1],
    cases: true,
    windowed: false,
  },
  'live.roc_auc': {
    description: 'ROC AUC of the production version on the cases analysts concluded on in the window.',
    range: [0, 1],
    cases: true,
    windowed: true,
  },
  'live.roc_auc_drop': {
    description: "The production version's test ROC AUC minus its live ROC AUC in the window.",
    range: [-1, 1],
    cases: true,
    windowed: true,
  },
  'scoring.error_rate': {
    description: 'Share of scoring requests answered 5xx in the window, every scoring process together.',
    range: [0, 1],
    cases: false,
    windowed: true,
  },
  'scoring.p99_ms': {
    description: '99th percentile of scoring request latency in the window, in milliseconds.',
    range: [0, Number.POSITIVE_INFINITY],
    cases: false,
    windowed: true,
  },
} as const satisfies Record<
  string,
  {
    readonly description: string;
    readonly range: readonly [number, number];
    readonly cases: boolean;
    readonly windowed: boolean;
  }
>;

export type AlertMetric = keyof typeof ALERT_METRICS;
