import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openArtifactStore } from '../../../src/adapters/artifacts/index.js';
import { openSqlStores, type SqlStores } from '../../../src/adapters/sql/index.js';
import { type Config, resolveConfig, type SettingKey } from '../../../src/config/index.js';
import type { ModelBundle } from '../../../src/core/model/model-bundle.js';
import type { ModelVersion } from '../../../src/core/tracking/index.js';
import { openServerApp, type ServerApp, type ServerAppOptions } from '../../../src/http/server-app.js';
import { registerModelBundle } from '../../../src/services/register-model-bundle.js';
import { EXAMPLE_BODY } from '../../scoring/scoring-test-kit.js';

export const MODEL = 'consumers-laundering-model';

/** A scoring server on a fresh embedded store, and the registry to publish models into. */
export interface ScoringServerHarness {
  readonly home: string;
  readonly config: Config;
  readonly stores: SqlStores;
  server: ServerApp;
  /** Registers `bundle` as the next version of the model; `alias` points an alias at it. */
  publish(
    bundle: ModelBundle,
    alias?: string,
    example?: Record<string, readonly unknown[]>,
  ): Promise<ModelVersion>;
  /** Opens the server (again), with `options` such as a logger; the previous one must be closed. */
  open(options?: Partial<ServerAppOptions>): Promise<ServerApp>;
  close(): Promise<void>;
}

/**
 * Starts a scoring server in-process (call `server.app.inject`) over a SQLite store in a temporary
 * directory; `settings` override the configuration (e.g. `'scoring.maxRows': 5`).
 *
 * @example
 * const h = await scoringServerHarness();
 * await h.publish(trainTestBundle(), 'production');
 * await h.server.models.poll();
 */
export async function scoringServerHarness(
  settings: Partial<Record<SettingKey, unknown>> = {},
): Promise<ScoringServerHarness> {
  const home = await mkdtemp(join(tmpdir(), 'amlops-serve-'));
  const config = resolveConfig({ flags: { home, 'scoring.pollSeconds': 0.1, ...settings } }).config;
  const artifactRoot = pathToFileURL(join(home, 'artifacts')).href;
  const stores = await openSqlStores(`sqlite:${join(home, 'amlops.db')}`, {
    artifactRoot,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  let next = 1;
  const harness: ScoringServerHarness = {
    home,
    config,
    stores,
    server: undefined as unknown as ServerApp,
    async publish(bundle, alias, example = EXAMPLE_BODY) {
      const n = next++;
      const version = await registerModelBundle(
        { registry: stores.registry, openArtifacts: (uri) => openArtifactStore(uri) },
        { name: MODEL, source: `${artifactRoot}/models/${n}`, bundle, inputExample: example },
      );
      if (alias) await stores.registry.setAlias(MODEL, alias, version.version);
      return version;
    },
    async open(options = {}) {
      harness.server = await openServerApp(config, { cwd: home, version: '9.9.9', ...options });
      return harness.server;
    },
    async close() {
      await harness.server?.app.close();
      await harness.server?.close();
      await stores.close();
      await rm(home, { recursive: true, force: true });
    },
  };
  await harness.open();
  return harness;
}
