import type { ConclusionChoices } from '../../core/cases/index.js';
import type { CaseReasons } from '../../core/scoring/case-reasons.js';
import type { AuditLog, ScoredCase } from '../../ports/audit-log.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { FeedbackLog } from '../../ports/feedback-log.js';
import type { QualityReportStore } from '../../ports/quality-report-store.js';
import type { ServiceStatsStore } from '../../ports/service-stats-store.js';
import type { AlertServiceDeps } from '../../services/alert-service.js';
import type { PlatformStores } from '../../services/platform-stores.js';
import type { PlatformPipelines } from './platform-pipelines.js';

/**
 * What amlops' own API serves: the stores the tracking and registry use cases work on, and the
 * audit log of scored cases, the quality reports, alerts and pipelines when the server keeps them.
 *
 * @example
 * await app.register(platformApi, { stores: { tracking, registry, artifacts }, auditLog });
 */
export interface PlatformApiOptions {
  readonly stores: PlatformStores;
  readonly auditLog?: Pick<
    AuditLog,
    'list' | 'findCase' | 'labelledScores' | 'labelledInputs' | 'subjectRecords' | 'eraseSubject'
  >;
  /** The analysts' conclusions on scored cases, shown with a case (with `auditLog`). */
  readonly feedbackLog?: Pick<FeedbackLog, 'listFeedback'>;
  /** Data quality and drift reports, when the server keeps them. */
  readonly quality?: QualityReportStore;
  /** Alert rules, states and notifications. */
  readonly alerts?: AlertServiceDeps;
  /** What every scoring process served. */
  readonly serviceStats?: Pick<ServiceStatsStore, 'intervals'>;
  /** Pipeline runs and schedules. */
  readonly pipelines?: PlatformPipelines;
  /** The reasons of an audited case, by the model version that scored it (the scoring service's). */
  readonly explainCase?: (scored: ScoredCase) => Promise<CaseReasons>;
  /** The analysts' cases (opened by the audit writer), with the audit log. */
  readonly cases?: CaseStore;
  /**
   * The conclusions a case takes, the model whose production version opens cases, and the team's
   * alert budget (settings `cases.capacityPerDay` and `cases.dailyVolume`; 0 when not set).
   */
  readonly caseSettings?: {
    readonly conclusions: ConclusionChoices;
    readonly modelName: string;
    readonly capacityPerDay?: number;
    readonly dailyVolume?: number;
  };
}
