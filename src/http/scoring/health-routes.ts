import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { modelIdentity } from './model-identity.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

/**
 * `GET /healthz` (the process answers), `GET /readyz` (a model is loaded and the server is not
 * draining; `degraded`, with the versions served and wanted, while the alias points at a version
 * that cannot be loaded and the previous one is served, or while the audit records wait in the
 * spool because the store does not take them) and `GET /metrics` (Prometheus).
 *
 * @example
 * registerHealthRoutes(app, options);
 */
export function registerHealthRoutes(app: FastifyInstance, options: ScoringAppOptions): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => {
    if (options.draining?.())
      throw new AmlopsError(
        'SCORING_MODEL_NOT_READY',
        'the server is shutting down and takes no new requests',
      );
    const model = await options.service.models.resolve(undefined);
    const audit = options.auditTrouble?.();
    // Still serving, but not what the registry wants: ready (answers come), and degraded.
    if (model.stale)
      return {
        status: 'degraded',
        model: modelIdentity(model),
        served: model.version,
        wanted: model.stale.wanted,
        reason: `version ${model.stale.wanted} cannot be loaded: ${model.stale.reason}${audit ? `; ${audit}` : ''}`,
      };
    // Answers come (recorded in the spool) while the store is away: ready, and degraded.
    if (audit) return { status: 'degraded', model: modelIdentity(model), reason: audit };
    return { status: 'ready', model: modelIdentity(model) };
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await (options.metricsText?.() ?? options.metrics.registry.metrics());
    return reply.type(options.metrics.registry.contentType).send(text);
  });
}
