import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import {
  type AlertBudgetQuestion,
  alertBudgetReport,
  budgetVersion,
} from '../../services/alert-budget-report.js';
import { listModels } from '../../services/list-models.js';
import { modelAliases } from '../../services/model-aliases.js';
import { promoteModelVersion } from '../../services/promote-model-version.js';
import { rollbackProduction } from '../../services/rollback-production.js';
import { setAlertThreshold } from '../../services/set-alert-threshold.js';
import { showModel } from '../../services/show-model.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

/** The body of a production decision: why (required), who (the caller's address when absent). */
interface DecisionBody {
  readonly version?: unknown;
  readonly reason?: unknown;
  readonly by?: unknown;
  readonly force?: unknown;
}

function field(body: DecisionBody, name: 'version' | 'reason' | 'by', required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value === 'number' && name === 'version' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new AmlopsError('USAGE', `field '${name}' must be a non-empty string`);
  return value;
}

function decisionOf(request: FastifyRequest<{ Body: DecisionBody | undefined }>): {
  by: string;
  reason: string;
} {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AmlopsError('USAGE', 'the body must be a JSON object such as {"reason": "…"}');
  // With API keys the key names who decides, whatever the body says.
  const by = request.caller || field(body, 'by', false) || `api:${request.ip}`;
  return { by, reason: field(body, 'reason', true)! };
}

/** A version in a path: its number, or an alias (`production`, `challenger`). */
const versionRef = (name: string, version: string) =>
  /^[0-9]+$/.test(version) ? { name, version } : { name, alias: version };

/**
 * The question of a threshold request: `capacity` with `dailyVolume`, or `threshold`, or neither;
 * the daily volume defaults to the configured one (setting `cases.dailyVolume`), as on the command line.
 */
function budgetQuestion(
  query: Readonly<Record<string, string | string[] | undefined>>,
  configuredVolume: number | undefined,
): AlertBudgetQuestion {
  const capacity = queryParam.number(query, 'capacity');
  const dailyVolume = queryParam.number(query, 'dailyVolume') ?? configuredVolume;
  const threshold = queryParam.number(query, 'threshold');
  const volume = dailyVolume !== undefined ? { dailyVolume } : {};
  if (capacity !== undefined && threshold !== undefined)
    throw new AmlopsError(
      'USAGE',
      'give either capacity (to pick a threshold) or threshold (to read one), not both',
    );
  if (threshold !== undefined) return { threshold, ...volume };
  if (capacity !== undefined) {
    if (dailyVolume === undefined)
      throw new AmlopsError(
        'ALERT_BUDGET_INVALID',
        `a capacity of ${capacity} cases a day needs dailyVolume, the number of cases scored a day`,
        { capacity },
      );
    return { capacity, dailyVolume };
  }
  return volume;
}

/**
 * The registry of amlops' API:
 * - `GET /models` → `{models}` with their latest and production versions;
 * - `GET /models/:name` → the model with every version's stage, aliases, status, source run,
 *   metrics and last production decision;
 * - `POST /models/:name/promote {version, reason, by?, force?}` → `{version, previous, changed,
 *   override, at}` (`force: true` for a version the promotion gate failed, recorded as an override);
 * - `POST /models/:name/rollback {reason, by?}` → `{version, rolledBack, at}`;
 * - `POST /models/:name/aliases {alias, version, reason, by?}` → `{version}`: points an alias other
 *   than `production` at a READY version, recording who, when and why on it;
 * - `GET /models/:name/versions/:version/threshold?capacity=&dailyVolume=` (or `?threshold=`, or
 *   neither for the version's own alert threshold; the daily volume and the live side's capacity
 *   default to the settings `cases.dailyVolume` and `cases.capacityPerDay`) → the alert budget, as
 *   `amlops threshold --json`, with its live side (`live`: the version's cases against the promise)
 *   when the server keeps cases;
 *   `:version` is a number or an alias (`production`);
 * - `POST /models/:name/versions/:version/threshold {threshold, reason, by?}` → `{version, previous,
 *   current}`: sets the version's alert threshold, recording who, when and why.
 * `by` is who decides: the calling key's name with `auth.mode=keys`, else as the caller states it
 * (`api:<address>` when absent).
 *
 * @example
 * registerModelsRoutes(api, options);
 */
export function registerModelsRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const { stores } = options;
  const now = stores.now ?? Date.now;
  app.get('/models', async () => ({ models: await listModels(stores.registry) }));
  app.get<{ Params: { name: string } }>('/models/:name', async (request) =>
    showModel(stores, request.params.name),
  );
  app.post<{ Params: { name: string }; Body: DecisionBody | undefined }>(
    '/models/:name/promote',
    async (request) => {
      const decision = decisionOf(request);
      const version = field(request.body!, 'version', true)!;
      const force = request.body!.force ?? false;
      if (typeof force !== 'boolean') throw new AmlopsError('USAGE', "field 'force' must be true or false");
      // With API keys, promoting over a failing gate takes an admin key.
      const role = request.callerRole;
      const overrideRefused =
        role && role !== 'admin' ? `the key '${request.caller}' has role ${role}` : undefined;
      return promoteModelVersion(
        stores.registry,
        {
          name: request.params.name,
          version,
          ...decision,
          force,
          ...(overrideRefused ? { overrideRefused } : {}),
        },
        now,
      );
    },
  );
  app.post<{ Params: { name: string }; Body: DecisionBody | undefined }>(
    '/models/:name/rollback',
    async (request) =>
      rollbackProduction(stores.registry, { name: request.params.name, ...decisionOf(request) }, now),
  );
  app.post<{ Params: { name: string }; Body: DecisionBody & { alias?: unknown } }>(
    '/models/:name/aliases',
    async (request) => {
      const { by, reason } = decisionOf(request);
      const alias = request.body!.alias;
      if (typeof alias !== 'string' || alias.trim() === '')
        throw new AmlopsError('USAGE', "field 'alias' must be a non-empty string");
      const version = field(request.body!, 'version', true)!;
      return {
        version: await modelAliases.set(
          stores.registry,
          { name: request.params.name, alias: alias.trim(), version, by, reason },
          now,
        ),
      };
    },
  );
  app.get<{ Params: { name: string; version: string } }>(
    '/models/:name/versions/:version/threshold',
    async (request) => {
      const { name, version } = request.params;
      const configured = options.caseSettings;
      const question = budgetQuestion(
        request.query as Record<string, string | string[] | undefined>,
        configured?.dailyVolume || undefined,
      );
      // With the analysts' cases at hand, the live side too, against the question's capacity or the configured one.
      const capacity = configured?.capacityPerDay || undefined;
      const live = options.cases
        ? { live: { cases: options.cases, ...(capacity !== undefined ? { capacity } : {}) } }
        : {};
      return alertBudgetReport(stores, { ...versionRef(name, version), question, ...live });
    },
  );
  app.post<{
    Params: { name: string; version: string };
    Body: DecisionBody & { threshold?: unknown };
  }>('/models/:name/versions/:version/threshold', async (request) => {
    const { by, reason } = decisionOf(request);
    const threshold = request.body!.threshold;
    if (typeof threshold !== 'number')
      throw new AmlopsError('USAGE', "field 'threshold' must be a number from 0 to 1");
    const target = await budgetVersion(
      stores.registry,
      versionRef(request.params.name, request.params.version),
    );
    return setAlertThreshold(
      stores.registry,
      { name: target.name, version: target.version, threshold, by, reason },
      now,
    );
  });
}
