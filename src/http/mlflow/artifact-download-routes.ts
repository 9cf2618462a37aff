import type { FastifyInstance } from 'fastify';
import { normalizeArtifactPath } from '../../core/artifacts/index.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { RequestParams } from './request-params.js';
import { resolveModelSource } from './resolve-model-source.js';
import { runArtifactStore } from './run-artifact-store.js';
import { sendArtifact } from './send-artifact.js';

/**
 * MLflow's download routes, at the root as MLflow serves them (not under `/api/2.0`):
 * `GET /get-artifact?run_uuid=&path=` for a run's file and
 * `GET /model-versions/get-artifact?name=&version=&path=` for a model version's file.
 *
 * @example
 * registerArtifactDownloadRoutes(app, options);
 */
export function registerArtifactDownloadRoutes(
  app: FastifyInstance,
  { tracking, registry, artifacts }: MlflowApiOptions,
): void {
  app.get('/get-artifact', async (request, reply) => {
    const params = RequestParams.of(request);
    const runId = params.runId();
    const path = normalizeArtifactPath(params.string('path'));
    const run = await tracking.getRun(runId);
    return sendArtifact(reply, runArtifactStore(artifacts, run.info.artifactUri), path);
  });

  app.get('/model-versions/get-artifact', async (request, reply) => {
    const params = RequestParams.of(request);
    const name = params.string('name');
    const version = params.string('version');
    const path = normalizeArtifactPath(params.string('path'));
    const modelVersion = await registry.getModelVersion(name, version);
    const location = await resolveModelSource(modelVersion.source, tracking);
    return sendArtifact(reply, runArtifactStore(artifacts, location), path);
  });
}
