/** The answers of amlops' API that the pages read (only the fields they use). */

export interface RunSummary {
  readonly runId: string;
  readonly runName: string;
  readonly experimentId: string;
  readonly userId: string;
  readonly status: string;
  readonly startTime: number;
  readonly endTime: number | null;
  readonly metrics: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RunDetail {
  readonly run: RunSummary;
  readonly experimentName: string;
  readonly artifacts: readonly { path: string; isDir: boolean; fileSize: number | null }[];
  readonly modelVersions: readonly { name: string; version: string; stage: string; aliases: string[] }[];
}

export interface Promotion {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  readonly kind: string;
  readonly previous: string | null;
}

export interface ModelVersion {
  readonly name: string;
  readonly version: string;
  readonly stage: string;
  readonly aliases: readonly string[];
  readonly status: string;
  readonly runId: string | null;
  readonly creationTime: number;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly promotion: Promotion | null;
}

export interface ModelSummary {
  readonly name: string;
  readonly latestVersion: string | null;
  readonly productionVersion: string | null;
  readonly aliases: readonly { alias: string; version: string }[];
}

export interface ModelDetail extends ModelSummary {
  readonly versions: readonly ModelVersion[];
}

export interface SplitEvaluation {
  readonly rows: number;
  readonly positives: number;
  readonly rocAuc: number;
  readonly rocAucInterval?: { lower: number; upper: number; level: number };
  readonly prAuc: number;
  readonly brier: number;
  readonly calibration: readonly { meanPredicted: number; observedRate: number; count: number }[];
  readonly confusion: {
    threshold: number;
    truePositives: number;
    falsePositives: number;
    trueNegatives: number;
    falseNegatives: number;
    precision: number;
    recall: number;
    alertRate: number;
  };
  readonly rocCurve: { fpr: number[]; tpr: number[] };
  readonly prCurve: { precision: number[]; recall: number[] };
  readonly scoreDistribution: { edges: number[]; positives: number[]; negatives: number[] };
}

export interface EvaluationArtifact {
  readonly report: { threshold: { value: number }; train: SplitEvaluation; test: SplitEvaluation };
  readonly importance: { gain: Readonly<Record<string, number>> } & Readonly<Record<string, unknown>>;
}

export interface DriftResult {
  readonly stattestLabel: string;
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly psi: number | null;
  readonly scoreKind: string;
}

export interface QualityColumn {
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly reference: { missingShare: number; unique: number } | null;
  readonly current: { missingShare: number; unique: number } | null;
  readonly drift: DriftResult | null;
  readonly distribution:
    | { kind: 'histogram'; edges: number[]; reference: number[]; current: number[] }
    | { kind: 'bars'; labels: string[]; reference: number[]; current: number[] }
    | null;
}

export interface QualityReportRow {
  readonly id: string;
  readonly kind: string;
  readonly createdAt: number;
  readonly modelName: string | null;
  readonly modelVersion: string | null;
  readonly runId: string | null;
  readonly referenceName: string;
  readonly currentName: string;
  readonly referenceRows: number;
  readonly currentRows: number;
  readonly testedColumns: number;
  readonly driftedColumns: number;
  readonly driftShare: number;
  readonly datasetDrift: boolean;
  readonly scoreDrift: boolean;
  readonly warnings: number;
}

export interface QualityReportDetail extends QualityReportRow {
  readonly report: {
    readonly dataset: {
      reference: { rows: number; missingShare: number; duplicatedRows: number };
      current: { rows: number; missingShare: number; duplicatedRows: number };
    };
    readonly columns: readonly QualityColumn[];
    readonly findings: readonly { code: string; path: string; severity: string; message: string }[];
  };
}

export interface AlertEntry {
  readonly rule: {
    name: string;
    metric: string;
    condition: string;
    threshold: number;
    severity: string;
    summary: string;
  };
  readonly state?: {
    state: string;
    value: number | null;
    since: number;
    detail: string;
    silencedUntil: number | null;
    silenceReason: string | null;
    silencedBy: string | null;
    acknowledgedAt: number | null;
    acknowledgedBy: string | null;
  };
}

export interface ServiceWindow {
  readonly totals: {
    requests: number;
    serverErrors: number;
    clientErrors: number;
    cases: number;
    errorRate: number | null;
    p50Ms: number | null;
    p99Ms: number | null;
  };
  readonly intervals: readonly {
    start: number;
    requests: number;
    serverErrors: number;
    clientErrors: number;
    latencySum: number;
  }[];
}

export interface LivePerformance {
  readonly versions: readonly {
    modelName: string;
    modelVersion: string;
    labelled: number;
    rocAuc: number | null;
  }[];
}

export interface PipelineRun {
  readonly id: string;
  readonly flow: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly state: string;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly error: { code: string; message: string } | null;
  readonly failedStep: string | null;
  readonly trackingRunId: string | null;
  readonly worker: string | null;
  readonly attempt: number;
  readonly cancelRequested: boolean;
}

export interface PipelineStep {
  readonly name: string;
  readonly state: string;
  readonly attempt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly durationMs: number | null;
  readonly error: { code: string; message: string } | null;
}

export interface PipelineLogLine {
  readonly seq: number;
  readonly time: number;
  readonly step: string;
  readonly level: string;
  readonly message: string;
}

export interface Schedule {
  readonly label: string;
  readonly flow: string;
  readonly cron: string | null;
  readonly intervalSeconds: number | null;
  readonly nextAt: number | null;
}

export interface ScoredCase {
  readonly requestId: string;
  readonly row: number;
  readonly caseId: string | null;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly inputs: Readonly<Record<string, string | number | null>>;
  readonly score: number;
  readonly time: number;
  readonly caller: string;
  readonly clientRequestId: string | null;
}

export interface CaseDetail {
  readonly case: ScoredCase;
  readonly conclusions: readonly { conclusion: string; label: number; time: number; analyst: string }[];
  readonly reasons: {
    base: number;
    reasons: readonly { feature: string; value: unknown; contribution: number; text: string }[];
  } | null;
  readonly reasonsUnavailable?: string;
}

/** A case sent to the analysts (GET /api/v1/cases). */
export interface AlertCase {
  readonly id: number;
  readonly subject: string | null;
  readonly state: 'open' | 'in_review' | 'concluded';
  readonly sampled: boolean;
  readonly score: number;
  readonly threshold: number;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly requestId: string;
  readonly row: number;
  readonly openedAt: number;
  readonly lastScoredAt: number;
  readonly scores: number;
  readonly assignee: string | null;
  readonly assignedBy: string | null;
  readonly assignedAt: number | null;
  readonly conclusion: string | null;
  readonly label: 0 | 1 | null;
  readonly note: string | null;
  readonly concludedBy: string | null;
  readonly concludedAt: number | null;
}

/** The conclusions a case takes: the negative one (label 0), then the positive ones. */
export interface ConclusionChoices {
  readonly negative: string;
  readonly positives: readonly string[];
}

/** GET /api/v1/cases. */
export interface CaseQueue {
  readonly cases: readonly AlertCase[];
  readonly nextPageToken?: string;
  readonly counts: { readonly open: number; readonly in_review: number };
  readonly alertThreshold: {
    readonly model: string;
    readonly version: string | null;
    readonly alertThreshold: number | null;
    readonly note: string | null;
  };
  readonly conclusions: ConclusionChoices;
}

/** GET /api/v1/cases/:id. */
export interface AlertCaseDetail {
  readonly case: AlertCase;
  readonly scored: ScoredCase | null;
  readonly reasons: CaseDetail['reasons'];
  readonly reasonsUnavailable?: string;
  readonly scores: readonly {
    requestId: string;
    row: number;
    modelName: string;
    modelVersion: string;
    score: number;
    time: number;
    sampled: boolean;
  }[];
  readonly subjectCases: readonly AlertCase[];
  readonly conclusions: ConclusionChoices;
}

/** The cases a model version opened on one UTC day (`live.days` of the alert budget). */
export interface CaseDay {
  readonly day: string;
  readonly opened: number;
  readonly concluded: number;
  readonly positive: number;
  readonly sampled: number;
}

/** GET /api/v1/models/:name/versions/:version/threshold: the part the cases page shows. */
export interface AlertBudgetLive {
  readonly live: {
    readonly from: string;
    readonly promised: {
      readonly threshold: number;
      readonly capacity: number | null;
      readonly alertRate: number;
      readonly alertsPerDay: number | null;
      readonly precision: number | null;
    } | null;
    readonly days: readonly CaseDay[];
    readonly openedPerDay: { readonly median: number; readonly min: number; readonly max: number } | null;
    readonly today: number;
    readonly totals: { readonly opened: number; readonly concluded: number; readonly positive: number };
    readonly precision: { readonly value: number | null; readonly concluded: number };
    readonly findings: readonly {
      readonly code: string;
      readonly severity: string;
      readonly message: string;
    }[];
  } | null;
}
