import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { AuditLog } from '../../ports/audit-log.js';
import type { FeedbackLog } from '../../ports/feedback-log.js';
import type { FeedbackCases } from '../../services/feedback-on-case.js';
import type { ScoringService } from '../../services/scoring-service.js';
import type { HttpAuthOptions } from '../auth/install-auth.js';
import type { HardeningOptions } from '../hardening/hardening-options.js';
import type { ScoringMetrics } from './scoring-metrics.js';

/** What the scoring API is built from. */
export interface ScoringAppOptions {
  readonly service: ScoringService;
  readonly metrics: ScoringMetrics;
  /** The text `/metrics` answers: the whole cluster's, in a worker of one; this process's by default. */
  readonly metricsText?: () => Promise<string>;
  /** Where feedback is recorded and scored cases looked up; feedback is refused without one. */
  readonly auditLog?: AuditLog;
  /** Where `POST /feedback` records the analysts' conclusions (with `auditLog`, which finds the case). */
  readonly feedbackLog?: FeedbackLog;
  /** The analysts' cases: feedback on a scored case attached to an open case concludes it. */
  readonly cases?: FeedbackCases;
  /**
   * Has every case recorded so far (by any worker) written to the store, so that feedback can name
   * a case scored a moment ago; resolves false when the store did not take them in time.
   */
  readonly drainAudit?: () => Promise<boolean>;
  /** Why the audit records do not reach the store now (`/readyz` says degraded); undefined when they do. */
  readonly auditTrouble?: () => string | undefined;
  /** The conclusion meaning "not laundering" (setting data.negativeValue): label 0; others label 1. */
  readonly negativeValue: string;
  /** Largest scoring request body, in bytes (setting scoring.bodyLimitBytes); other routes: route-body-limits.ts. */
  readonly bodyLimit: number;
  /** Host allowlist, CORS, rate limits, TLS (settings `server.*`, `rateLimit.*`). */
  readonly hardening: HardeningOptions;
  /** amlops' version, for `GET /version`. */
  readonly version: string;
  readonly logger?: FastifyBaseLogger;
  /** Who is asking, for the audit log; by default the calling key's name ('' when authentication is off). */
  readonly callerOf?: (request: FastifyRequest) => string;
  /** How routes are protected (settings `auth.*`); every route is open without it. */
  readonly auth?: HttpAuthOptions;
  /** True while the server drains for shutdown: `/readyz` then answers 503. */
  readonly draining?: () => boolean;
  /** Clock for feedback times. */
  readonly now?: () => number;
}
