import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { livePerformance } from '../../core/evaluate/live-performance.js';
import type { CaseReasons } from '../../core/scoring/case-reasons.js';
import type { ScoredCase, ScoredCaseQuery } from '../../ports/audit-log.js';
import { liveSegmentPerformance } from '../../services/live-segment-performance.js';
import { scoredCaseDetails } from '../../services/scored-case-details.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

/** The filters of `GET /predictions`, checked: bounds in order, every value well-formed. */
function scoredCaseQuery(q: Query): ScoredCaseQuery {
  const text = (name: string) => queryParam.one(q, name);
  const since = queryParam.time(q, 'since');
  const until = queryParam.time(q, 'until');
  if (since !== undefined && until !== undefined && since > until)
    throw new AmlopsError('USAGE', `since (${text('since')}) is after until (${text('until')})`);
  const minScore = queryParam.number(q, 'min_score');
  const maxScore = queryParam.number(q, 'max_score');
  if (minScore !== undefined && maxScore !== undefined && minScore > maxScore)
    throw new AmlopsError('USAGE', `min_score (${minScore}) is above max_score (${maxScore})`);
  const modelName = text('model');
  const modelVersion = text('model_version');
  const requestId = text('request_id');
  const caseId = text('case_id');
  const pageToken = text('page_token');
  return {
    ...(modelName !== undefined ? { modelName } : {}),
    ...(modelVersion !== undefined ? { modelVersion } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(caseId !== undefined ? { caseId } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
    ...(maxScore !== undefined ? { maxScore } : {}),
    ...(pageToken !== undefined ? { pageToken } : {}),
    maxResults: queryParam.integer(q, 'max_results', 1, 10_000) ?? 100,
  };
}

/** A case's position in its request: a non-negative integer. */
function rowOf(text: string): number {
  if (!/^[0-9]{1,9}$/.test(text))
    throw new AmlopsError(
      'USAGE',
      `the row must be a case's position in its request (0, 1, …); got '${text}'`,
    );
  return Number(text);
}

/**
 * The scored cases of amlops' API (the subject routes need an `admin` key):
 * - `GET /predictions?model=&model_version=&request_id=&case_id=&since=&until=&min_score=&max_score=&max_results=&page_token=`
 *   → `{cases, nextPageToken?}`, newest first: each `{requestId, row, caseId, modelName,
 *   modelVersion, inputs, score, time, caller, clientRequestId}` (`since` inclusive and `until`
 *   exclusive, ISO dates or times; the score bounds inclusive; `max_results` 1-10000, default 100);
 * - `GET /predictions/:requestId/:row` → `{case, conclusions}`: the case and the analysts'
 *   conclusions on it (`POST /feedback`), each `{requestId, row, caseId, conclusion, label,
 *   time, analyst}`, oldest first, and `reasons`: the case's TreeSHAP reasons, recomputed by the
 *   model version that scored it from its recorded inputs (null, with `reasonsUnavailable` saying
 *   why, when that version cannot be loaded);
 * - `GET /subjects/:subject` → `{subject, cases, conclusions}`: everything kept about a subject;
 * - `POST /subjects/:subject/erase` → `{erasure}`: deletes it, recording who erased how many;
 * - `GET /predictions/performance[?model=&version=&since=&until=&by=]` → `{versions}`: each model
 *   version measured on the cases analysts concluded on (`POST /feedback`), scored in the time
 *   range given (ISO dates or times): ROC AUC and average precision (null while one class only),
 *   Brier score, mean score and positive rate; with `by=COLUMN`, each version's `segments`: its
 *   cases by segment of that input column (as `amlops predictions performance --by COLUMN`).
 *
 * @example
 * registerPredictionsRoutes(api, options);
 */
export function registerPredictionsRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  app.get<{ Querystring: Query }>('/predictions', async (request) => {
    const log = options.auditLog;
    if (!log) throw new AmlopsError('USAGE', 'this server keeps no audit log of scored cases');
    const page = await log.list(scoredCaseQuery(request.query));
    return { cases: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
  });
  app.get<{ Params: { requestId: string; row: string } }>('/predictions/:requestId/:row', async (request) => {
    const log = options.auditLog;
    const feedbackLog = options.feedbackLog;
    if (!log || !feedbackLog)
      throw new AmlopsError('USAGE', 'this server keeps no audit log of scored cases');
    const row = rowOf(request.params.row);
    const details = await scoredCaseDetails(log, feedbackLog, { requestId: request.params.requestId, row });
    return { ...details, ...(await reasonsOf(details.case, options.explainCase)) };
  });
  app.get<{ Querystring: Query }>('/predictions/performance', async (request) => {
    const log = options.auditLog;
    if (!log) throw new AmlopsError('USAGE', 'this server keeps no audit log of scored cases');
    const q = request.query;
    const model = queryParam.one(q, 'model');
    const version = queryParam.one(q, 'version');
    const since = queryParam.time(q, 'since');
    const until = queryParam.time(q, 'until');
    const by = queryParam.one(q, 'by');
    const labelledQuery = {
      ...(model !== undefined ? { modelName: model } : {}),
      ...(version !== undefined ? { modelVersion: version } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
    };
    if (by !== undefined)
      return {
        versions: await liveSegmentPerformance({ auditLog: log, stores: options.stores }, labelledQuery, by),
      };
    return { versions: livePerformance(await log.labelledScores(labelledQuery)) };
  });
  // A subject's data (the value of the model's id column), for its access and erasure requests.
  app.get<{ Params: { subject: string } }>('/subjects/:subject', async (request) => {
    const log = options.auditLog;
    if (!log) throw new AmlopsError('USAGE', 'this server keeps no audit log of scored cases');
    return log.subjectRecords(request.params.subject);
  });
  app.post<{ Params: { subject: string } }>('/subjects/:subject/erase', async (request) => {
    const log = options.auditLog;
    if (!log) throw new AmlopsError('USAGE', 'this server keeps no audit log of scored cases');
    const by = request.caller || `api:${request.ip}`;
    return { erasure: await log.eraseSubject(request.params.subject, by, Date.now()) };
  });
}

/**
 * The reasons of an audited case as its model version gives them; when that version cannot be
 * loaded (deleted, its files gone) or the server scores nothing, null and why.
 */
async function reasonsOf(
  scored: ScoredCase,
  explainCase: PlatformApiOptions['explainCase'],
): Promise<{ reasons: CaseReasons | null; reasonsUnavailable?: string }> {
  if (!explainCase) return { reasons: null, reasonsUnavailable: 'this server scores no model' };
  try {
    return { reasons: await explainCase(scored) };
  } catch (error) {
    if (!(error instanceof AmlopsError)) throw error;
    return {
      reasons: null,
      reasonsUnavailable: `version ${scored.modelVersion} of ${scored.modelName} cannot explain it: ${error.message}`,
    };
  }
}
