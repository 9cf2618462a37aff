import type { FastifyInstance } from 'fastify';
import { normalizeArtifactPath } from '../../core/artifacts/index.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { omitEmpty } from './omit-empty.js';
import { RequestParams } from './request-params.js';
import { runArtifactStore } from './run-artifact-store.js';

/**
 * `artifacts/list`: the direct children of a directory of a run's artifacts, paths relative to the
 * run's artifact root. The `path` is confined to that root (traversal in any encoding → 400).
 *
 * @example
 * await app.register(async (api) => registerArtifactsRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerArtifactsRoutes(
  app: FastifyInstance,
  { tracking, artifacts }: MlflowApiOptions,
): void {
  app.get('/artifacts/list', async (request) => {
    const params = RequestParams.of(request);
    const runId = params.runId();
    const path = normalizeArtifactPath(params.optionalString('path') ?? '');
    const run = await tracking.getRun(runId);
    const files = await runArtifactStore(artifacts, run.info.artifactUri).list(path);
    return omitEmpty({
      root_uri: run.info.artifactUri,
      files: files.map((file) =>
        file.isDir
          ? { path: file.path, is_dir: true }
          : { path: file.path, is_dir: false, file_size: file.fileSize },
      ),
    });
  });
}
