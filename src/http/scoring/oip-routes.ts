import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseOipRequest } from '../../core/scoring/parse-oip-request.js';
import { countScored } from './count-scored.js';
import { requireJson } from './request-options.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

interface ModelParams {
  readonly name: string;
  readonly version?: string;
}

/**
 * The Open Inference Protocol v2 (KServe, Seldon, Triton clients): health, model metadata and
 * inference, one input tensor per input column and one output tensor `predictions` (FP64).
 *
 * @example
 * registerOipRoutes(app, options);
 */
export function registerOipRoutes(app: FastifyInstance, options: ScoringAppOptions): void {
  const { service } = options;
  const refOf = (p: ModelParams) => (p.version === undefined ? p.name : `${p.name}/${p.version}`);

  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async (_request, reply) => {
    const ready = service.models.current !== undefined;
    return reply.status(ready ? 200 : 503).send({ ready });
  });
  app.get('/v2', async () => ({ name: 'amlops', version: options.version, extensions: [] }));

  const metadata = async (params: ModelParams) => {
    const model = await service.models.resolve(refOf(params));
    const { contract } = model.scorer;
    return {
      name: model.name,
      versions: [model.version],
      platform: 'amlops-gbdt',
      inputs: [
        ...contract.numeric.map((name) => ({ name, datatype: 'FP64', shape: [-1] })),
        ...contract.categorical.map((c) => ({ name: c.column, datatype: 'BYTES', shape: [-1] })),
      ],
      outputs: [{ name: 'predictions', datatype: 'FP64', shape: [-1] }],
    };
  };
  app.get<{ Params: ModelParams }>('/v2/models/:name', async (request) => metadata(request.params));
  app.get<{ Params: ModelParams }>('/v2/models/:name/versions/:version', async (request) =>
    metadata(request.params),
  );
  const ready = async (params: ModelParams) => {
    const model = await service.models.resolve(refOf(params));
    return { name: model.name, ready: true };
  };
  app.get<{ Params: ModelParams }>('/v2/models/:name/ready', async (request) => ready(request.params));
  app.get<{ Params: ModelParams }>('/v2/models/:name/versions/:version/ready', async (request) =>
    ready(request.params),
  );

  const infer = async (request: FastifyRequest<{ Params: ModelParams }>) => {
    requireJson(request);
    const { id, input } = parseOipRequest(request.body);
    const scored = await service.score({
      input,
      model: refOf(request.params),
      requestId: request.id,
      caller: options.callerOf?.(request) ?? '',
      clientRequestId: request.clientRequestId,
    });
    countScored(options.metrics, scored);
    return {
      model_name: scored.model.name,
      model_version: scored.model.version,
      id: id ?? request.id,
      parameters: { request_id: request.id, warnings: scored.warnings.map((w) => w.message) },
      outputs: [
        { name: 'predictions', datatype: 'FP64', shape: [scored.rowCount], data: Array.from(scored.scores) },
      ],
    };
  };
  app.post<{ Params: ModelParams }>('/v2/models/:name/infer', infer);
  app.post<{ Params: ModelParams }>('/v2/models/:name/versions/:version/infer', infer);
}
