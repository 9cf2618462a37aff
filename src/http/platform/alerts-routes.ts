import type { FastifyInstance } from 'fastify';
import { parseDuration } from '../../core/alerts/parse-duration.js';
import { AmlopsError } from '../../core/errors/index.js';
import { alertOverview } from '../../services/alert-overview.js';
import { type AlertServiceDeps, acknowledgeRule, silenceRule } from '../../services/alert-service.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

function text(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new AmlopsError('USAGE', `"${name}" must be a non-empty string`);
  return value.trim();
}

/**
 * The alerts of amlops' API:
 * - `GET /alerts` → `{alerts}`: every configured rule with its current state, firing first;
 * - `GET /alerts/history?rule=&since=&max_results=` → `{events}`, newest first;
 * - `GET /alerts/deliveries?rule=&max_results=` → `{deliveries}`: notifications with every attempt;
 * - `POST /alerts/:rule/silence` `{"until": ISO time | "for": "4h", "reason", "by"}` → the state;
 * - `POST /alerts/:rule/ack` `{"by"}` → the state.
 * With API keys or tokens, the caller's name is who silenced or acknowledged, whatever `by` says
 * (which may then be left out).
 *
 * @example
 * registerAlertsRoutes(api, options);
 */
export function registerAlertsRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const deps = (): AlertServiceDeps => {
    if (!options.alerts) throw new AmlopsError('USAGE', 'this server keeps no alerts');
    return options.alerts;
  };
  app.get('/alerts', async () => ({ alerts: await alertOverview(deps()) }));
  app.get<{ Querystring: Query }>('/alerts/history', async (request) => {
    const q = request.query;
    const rule = queryParam.one(q, 'rule');
    const since = queryParam.time(q, 'since');
    return {
      events: await deps().store.events({
        ...(rule ? { rule } : {}),
        ...(since !== undefined ? { since } : {}),
        maxResults: queryParam.integer(q, 'max_results', 1, 10_000) ?? 100,
      }),
    };
  });
  app.get<{ Querystring: Query }>('/alerts/deliveries', async (request) => {
    const q = request.query;
    const rule = queryParam.one(q, 'rule');
    const { store } = deps();
    const deliveries = await store.deliveries({
      ...(rule ? { rule } : {}),
      maxResults: queryParam.integer(q, 'max_results', 1, 1000) ?? 50,
    });
    return {
      deliveries: await Promise.all(
        deliveries.map(async (d) => ({ ...d, attemptLog: await store.attempts(d.id) })),
      ),
    };
  });
  app.post<{ Params: { rule: string }; Body: Record<string, unknown> }>(
    '/alerts/:rule/silence',
    async (request) => {
      const body = request.body ?? {};
      const until = text(body, 'until', false);
      const duration = text(body, 'for', false);
      if ((until === undefined) === (duration === undefined))
        throw new AmlopsError(
          'USAGE',
          'give exactly one of "until" (an ISO time) and "for" (a duration such as "4h")',
        );
      let end: number;
      if (until !== undefined) {
        end = Date.parse(until);
        if (Number.isNaN(end))
          throw new AmlopsError('USAGE', `"until" must be an ISO time; got ${JSON.stringify(until)}`);
      } else {
        try {
          end = Date.now() + parseDuration(duration!);
        } catch (error) {
          throw new AmlopsError('USAGE', `"for": ${(error as Error).message}`);
        }
      }
      return silenceRule(deps(), request.params.rule, {
        until: end,
        reason: text(body, 'reason', true)!,
        by: request.caller || text(body, 'by', true)!,
      });
    },
  );
  app.post<{ Params: { rule: string }; Body: Record<string, unknown> }>(
    '/alerts/:rule/ack',
    async (request) =>
      acknowledgeRule(deps(), request.params.rule, request.caller || text(request.body ?? {}, 'by', true)!),
  );
}
