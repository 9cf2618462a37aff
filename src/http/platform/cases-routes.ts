import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CASE_STATES, type CaseState } from '../../core/cases/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import { isPlainObject } from '../../core/scoring/is-plain-object.js';
import type { CaseQuery } from '../../ports/case-store.js';
import { caseDetails } from '../../services/case-details.js';
import { caseThresholdNotice } from '../../services/case-threshold-notice.js';
import { assignCase, caseIdOf, concludeCase } from '../../services/case-work.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

/** The filters of `GET /cases`: states (`all` for every one), sort, subject, page. */
function caseQuery(q: Query): CaseQuery {
  const asked = queryParam.list(q, 'state');
  const states = asked.includes('all') ? [...CASE_STATES] : asked;
  for (const state of states)
    if (!(CASE_STATES as readonly string[]).includes(state))
      throw new AmlopsError(
        'USAGE',
        `query parameter state must be ${CASE_STATES.join(', ')} or all; got '${state}'`,
      );
  const sort = queryParam.oneOf(q, 'sort', ['score', 'age'] as const);
  const subject = queryParam.one(q, 'subject');
  const pageToken = queryParam.one(q, 'page_token');
  return {
    ...(states.length > 0 ? { states: states as CaseState[] } : {}),
    ...(sort ? { sort } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(pageToken !== undefined ? { pageToken } : {}),
    maxResults: queryParam.integer(q, 'max_results', 1, 10_000) ?? 50,
  };
}

/** A POST body's optional string field; USAGE when it is there and not a string. */
function text(body: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === ''))
    throw new AmlopsError('USAGE', `field '${name}' must be ${required ? 'a non-empty' : 'a'} string`);
  return value;
}

function bodyOf(request: FastifyRequest, known: readonly string[], example: string): Record<string, unknown> {
  const body = request.body;
  if (!isPlainObject(body))
    throw new AmlopsError('USAGE', `the body must be a JSON object such as ${example}`);
  const extra = Object.keys(body).filter((k) => !known.includes(k));
  if (extra.length > 0)
    throw new AmlopsError('USAGE', `unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
  return body;
}

/**
 * The analysts' cases of amlops' API (docs/cases.md):
 * - `GET /cases?state=open,in_review|concluded|all&sort=score|age&subject=&max_results=&page_token=`
 *   → `{cases, nextPageToken?, counts: {open, in_review}, alertThreshold: {model, version,
 *   alertThreshold, note}, conclusions: {negative, positives}}`: the queue, highest score first (or
 *   oldest first), open and in review by default; `alertThreshold.note` says why no case opens
 *   (no threshold on the production version, none in production);
 * - `GET /cases/:id` → `{case, scored, reasons, reasonsUnavailable?, scores, subjectCases,
 *   conclusions}`: the case, the scored case behind its score with its inputs and TreeSHAP reasons
 *   (by the version that scored it), every scored case attached, the subject's other cases;
 * - `POST /cases/:id/assign {assignee?, by?}` → `{case}`: in review, with who and when;
 * - `POST /cases/:id/conclude {conclusion, note?, analyst?}` → `{case}`: one of the configured
 *   conclusions; its label is recorded as `POST /feedback` records it.
 * With API keys the key's name is who assigns, takes (by default) and concludes, whatever the body
 * says; without, the body's `by` / `analyst`, else `api:<address>`.
 *
 * @example
 * registerCasesRoutes(api, options);
 */
export function registerCasesRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const need = () => {
    const { cases, caseSettings } = options;
    if (!cases || !caseSettings || !options.auditLog)
      throw new AmlopsError('USAGE', 'this server keeps no cases (it keeps no audit log)');
    return { cases, settings: caseSettings, auditLog: options.auditLog };
  };
  app.get<{ Querystring: Query }>('/cases', async (request) => {
    const { cases, settings } = need();
    const page = await cases.list(caseQuery(request.query));
    return {
      cases: page.items,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
      counts: await cases.activeCounts(),
      alertThreshold: await caseThresholdNotice(options.stores.registry, settings.modelName),
      conclusions: settings.conclusions,
    };
  });
  app.get<{ Params: { id: string } }>('/cases/:id', async (request) => {
    const { cases, settings, auditLog } = need();
    const details = await caseDetails(
      { cases, auditLog, ...(options.explainCase ? { explainCase: options.explainCase } : {}) },
      caseIdOf(request.params.id),
    );
    return { ...details, conclusions: settings.conclusions };
  });
  app.post<{ Params: { id: string } }>('/cases/:id/assign', async (request) => {
    const { cases } = need();
    const body = bodyOf(request, ['assignee', 'by'], '{"assignee": "ana"}');
    const id = caseIdOf(request.params.id);
    const by = request.caller || text(body, 'by') || `api:${request.ip}`;
    const assignee = text(body, 'assignee') || by;
    return { case: await assignCase(cases, { id, assignee, by }) };
  });
  app.post<{ Params: { id: string } }>('/cases/:id/conclude', async (request) => {
    const { cases, settings } = need();
    const body = bodyOf(
      request,
      ['conclusion', 'note', 'analyst'],
      '{"conclusion": "REPORTED_TO_AUTHORITY", "note": "…"}',
    );
    const id = caseIdOf(request.params.id);
    const conclusion = text(body, 'conclusion', true)!;
    const note = text(body, 'note') ?? '';
    const by = request.caller || text(body, 'analyst') || `api:${request.ip}`;
    return { case: await concludeCase(cases, settings.conclusions, { id, conclusion, note, by }) };
  });
}
