import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { isPlainObject } from '../../core/scoring/is-plain-object.js';
import type { CaseFeedback } from '../../ports/feedback-log.js';
import { recordFeedbackOnCase } from '../../services/feedback-on-case.js';
import { findNamedCase } from '../../services/find-named-case.js';
import { requireJson } from './request-options.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

/**
 * `POST /feedback`: an analyst's conclusion on a scored case, named by `request_id` and `row` (as
 * answered by `/predict`) or by `case_id` (a case id, or `request#row` as listings print a case),
 * becomes a label for live performance monitoring. The
 * case must be in the audit log: the cases recorded so far are written to the store first, then
 * looked up (404 FEEDBACK_CASE_NOT_FOUND when absent; 503 AUDIT_UNAVAILABLE when absent while the
 * store could not take what waits). When the scored case is attached to a case in the analysts' queue,
 * a configured conclusion concludes that case too (`recordFeedbackOnCase`); the answer's `case` says.
 *
 * @example
 * // POST /feedback {"request_id": "…", "row": 0, "conclusion": "REPORTED_TO_AUTHORITY", "analyst": "ana"}
 * registerFeedbackRoute(app, options);
 */
export function registerFeedbackRoute(app: FastifyInstance, options: ScoringAppOptions): void {
  app.post('/feedback', async (request, reply) => {
    requireJson(request);
    const body = request.body;
    if (!isPlainObject(body)) throw invalid('the body must be a JSON object');
    const known = ['request_id', 'row', 'case_id', 'conclusion', 'analyst'];
    const extra = Object.keys(body).filter((k) => !known.includes(k));
    if (extra.length > 0) throw invalid(`unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
    const { request_id: requestId, row, case_id: caseId, conclusion, analyst } = body;
    if (typeof conclusion !== 'string' || conclusion.trim() === '')
      throw invalid('"conclusion" must be the analyst\'s conclusion, a non-empty string');
    if (analyst !== undefined && typeof analyst !== 'string') throw invalid('"analyst" must be a string');
    const byRequest = requestId !== undefined || row !== undefined;
    if (byRequest === (caseId !== undefined))
      throw invalid('name the case by "request_id" and "row", or by "case_id" (one of the two)');
    if (byRequest && (typeof requestId !== 'string' || requestId === ''))
      throw invalid('"request_id" must be the request id a scoring answer gave');
    if (byRequest && (typeof row !== 'number' || !Number.isInteger(row) || row < 0))
      throw invalid('"row" must be the case\'s position in its request, an integer from 0');
    if (!byRequest && (typeof caseId !== 'string' || caseId === ''))
      throw invalid('"case_id" must be a non-empty string');
    const log = options.auditLog;
    const feedbackLog = options.feedbackLog;
    if (!log || !feedbackLog)
      throw new AmlopsError(
        'FEEDBACK_CASE_NOT_FOUND',
        'this server keeps no audit log, so it cannot take feedback',
      );
    const drained = (await options.drainAudit?.()) ?? true;
    const scored = byRequest
      ? await log.findCase({ requestId: requestId as string, row: row as number })
      : await findNamedCase(log, caseId as string);
    // Not found while the store is behind: the case may be among those waiting, so try again later.
    if (!scored && !drained)
      throw new AmlopsError(
        'AUDIT_UNAVAILABLE',
        'the audit log is behind (the store is slow or unreachable) and this case is not in it yet; the conclusion is not recorded: try again in 5 s',
        { retryAfterSeconds: 5 },
      );
    if (!scored)
      throw new AmlopsError(
        'FEEDBACK_CASE_NOT_FOUND',
        byRequest
          ? `no scored case for request ${requestId} row ${row} in the audit log`
          : `no scored case with case id (or request#row) ${JSON.stringify(caseId)} in the audit log`,
        byRequest ? { request_id: requestId, row } : { case_id: caseId },
      );
    const feedback: CaseFeedback = {
      requestId: scored.requestId,
      row: scored.row,
      caseId: scored.caseId,
      conclusion,
      label: conclusion === options.negativeValue ? 0 : 1,
      time: (options.now ?? Date.now)(),
      // With API keys the key names the analyst, whatever the body says; without, the body may.
      analyst: options.callerOf?.(request) || ((analyst as string | undefined) ?? ''),
    };
    const attached = await recordFeedbackOnCase(feedbackLog, options.cases, {
      ...feedback,
      requestId: scored.requestId,
      row: scored.row,
    });
    return reply.status(201).send({
      feedback: {
        request_id: feedback.requestId,
        row: feedback.row,
        case_id: feedback.caseId,
        conclusion,
        label: feedback.label,
      },
      // The analysts' case this scored case is attached to, concluded with it when the conclusion is a configured one.
      case: attached,
      scored: {
        model_name: scored.modelName,
        model_version: scored.modelVersion,
        score: scored.score,
        time: scored.time,
      },
      request_id: request.id,
    });
  });
}

function invalid(message: string): AmlopsError {
  return new AmlopsError('FEEDBACK_INVALID', message);
}
