import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { LocalArtifactStore, openArtifactStore } from '../../../src/adapters/artifacts/index.js';
import { openSqlStores, type SqlStores } from '../../../src/adapters/sql/index.js';
import { BUNDLE_PATHS, bundleToFiles } from '../../../src/core/model/index.js';
import { installErrorBoundary } from '../../../src/http/error-boundary.js';
import { mlflowApi } from '../../../src/http/mlflow/index.js';
import type { ArtifactStore } from '../../../src/ports/artifact-store.js';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';

/** A Fastify app serving the MLflow API over a fresh SQLite store and local artifact directory. */
export interface MlflowTestApp {
  readonly app: FastifyInstance;
  readonly stores: SqlStores;
  readonly artifacts: ArtifactStore;
  readonly dir: string;
  /** POST (or another method) a JSON body to `/api/2.0/mlflow/<path>`. */
  post(path: string, body: unknown, method?: 'POST' | 'PATCH' | 'DELETE'): Promise<LightMyRequestResponse>;
  /** GET `/api/2.0/mlflow/<path>` with query parameters (arrays become repeated keys). */
  get(path: string, query?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

function queryString(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query))
    for (const item of Array.isArray(value) ? value : [value])
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Where the test app keeps artifacts: by default a local directory in the temporary directory. */
export interface ArtifactsChoice {
  readonly root: (dir: string) => ArtifactStore;
  readonly open: (uri: string) => ArtifactStore;
}

const LOCAL_ARTIFACTS: ArtifactsChoice = {
  root: (dir) => new LocalArtifactStore(join(dir, 'artifacts')),
  open: (uri) => openArtifactStore(uri),
};

/**
 * Opens the stores in a temporary directory (SQLite) and registers the plugin beside amlops' own
 * error boundary, as `amlops serve` does.
 */
export async function makeMlflowTestApp(choice: ArtifactsChoice = LOCAL_ARTIFACTS): Promise<MlflowTestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-mlflow-'));
  const artifacts = choice.root(dir);
  const stores = await openSqlStores(join(dir, 'amlops.db'), {
    artifactRoot: artifacts.rootUri,
    openArtifacts: choice.open,
  });
  const app = Fastify({ logger: false });
  installErrorBoundary(app);
  await app.register(mlflowApi, { tracking: stores.tracking, registry: stores.registry, artifacts });
  await app.ready();
  return {
    app,
    stores,
    artifacts,
    dir,
    post: (path, body, method = 'POST') =>
      app.inject({
        method,
        url: `/api/2.0/mlflow/${path}`,
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    get: (path, query = {}) =>
      app.inject({ method: 'GET', url: `/api/2.0/mlflow/${path}${queryString(query)}` }),
    inject: (options) => app.inject(options),
    async close() {
      await app.close();
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes a small model amlops can serve (a trained bundle and its input example) under `store`:
 * MLflow's `model-versions/create` registers only a source that loads.
 *
 * @example
 * await putServableModel(t.artifacts.child(`${experimentId}/${runId}/artifacts/model`));
 */
export async function putServableModel(store: ArtifactStore): Promise<void> {
  const files = bundleToFiles(trainTestBundle());
  files[BUNDLE_PATHS.inputExample] = `${JSON.stringify(EXAMPLE_BODY)}\n`;
  for (const [path, text] of Object.entries(files)) await store.put(path, text);
}
