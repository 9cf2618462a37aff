import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { modelIdentity } from './model-identity.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

/**
 * `GET /healthz` (the process answers), `GET /readyz` (a model is loaded and the server is not
 * draining) and `GET /metrics` (Prometheus).
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
    return { status: 'ready', model: modelIdentity(model) };
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await (options.metricsText?.() ?? options.metrics.registry.metrics());
    return reply.type(options.metrics.registry.contentType).send(text);
  });
}
