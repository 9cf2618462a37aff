import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { livePerformance } from '../../core/evaluate/live-performance.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

/**
 * The scored cases of amlops' API (the subject routes need an `admin` key):
 * - `GET /subjects/:subject` → `{subject, cases, conclusions}`: everything kept about a subject;
 * - `POST /subjects/:subject/erase` → `{erasure}`: deletes it, recording who erased how many;
 * - `GET /predictions/performance[?model=&version=&since=&until=]` → `{versions}`: each model
 *   version measured on the cases analysts concluded on (`POST /feedback`), scored in the time
 *   range given (ISO dates or times): ROC AUC and average precision (null while one class only),
 *   Brier score, mean score and positive rate.
 *
 * @example
 * registerPredictionsRoutes(api, options);
 */
export function registerPredictionsRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  app.get<{ Querystring: Query }>('/predictions/performance', async (request) => {
    const log = options.auditLog;
    if (!log) throw new AmlopsError('USAGE', 'this server keeps no audit log of scored cases');
    const q = request.query;
    const model = queryParam.one(q, 'model');
    const version = queryParam.one(q, 'version');
    const since = queryParam.time(q, 'since');
    const until = queryParam.time(q, 'until');
    const labelled = await log.labelledScores({
      ...(model !== undefined ? { modelName: model } : {}),
      ...(version !== undefined ? { modelVersion: version } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
    });
    return { versions: livePerformance(labelled) };
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
