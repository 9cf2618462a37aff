import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArtifactStore } from '../../../src/adapters/artifacts/index.js';
import { openSqlStores, type SqlStores } from '../../../src/adapters/sql/index.js';
import { artifactRootOf, resolveConfig } from '../../../src/config/index.js';
import { openServerApp, type ServerApp } from '../../../src/http/server-app.js';
import { registerModelBundle } from '../../../src/services/register-model-bundle.js';
import { usePostgres } from '../../pipelines/test-postgres.js';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';

// Two scoring replicas on one PostgreSQL store follow a promotion as soon as it is made (issue 15):
// the alias trigger notifies, each replica listening loads the new version. They poll the registry
// only hourly here, so nothing but the notification can move them.

const MODEL = 'consumers-laundering-model';
const freshDatabase = usePostgres();
let home: string;
let stores: SqlStores;
const replicas: ServerApp[] = [];

async function publish(seed: number) {
  const root = artifactRootOf({ home, 'artifacts.uri': '' }, home);
  return registerModelBundle(
    { registry: stores.registry, openArtifacts: (uri) => openArtifactStore(uri) },
    {
      name: MODEL,
      source: `${root}/models/${seed}`,
      bundle: trainTestBundle({ seed }),
      inputExample: EXAMPLE_BODY,
    },
  );
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'amlops-notify-pg-'));
  const { config } = resolveConfig({
    flags: { home, 'store.databaseUrl': await freshDatabase(), 'scoring.pollSeconds': 3600 },
  });
  // The first replica migrates the store (the trigger among its migrations).
  replicas.push(await openServerApp(config, { cwd: home, version: 'test' }));
  stores = await openSqlStores(config['store.databaseUrl'], {
    artifactRoot: artifactRootOf(config, home),
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  const first = await publish(1);
  await stores.registry.setAlias(MODEL, 'production', first.version);
  await replicas[0]!.models.poll();
  replicas.push(await openServerApp(config, { cwd: home, version: 'test' }));
}, 60_000);
afterAll(async () => {
  for (const replica of replicas) {
    await replica.app.close();
    await replica.close();
  }
  await stores?.close();
  await rm(home, { recursive: true, force: true });
});

describe('registry notifications on PostgreSQL', () => {
  it('moves every replica to a newly promoted version without waiting for its poll', async () => {
    expect(replicas.map((r) => r.models.current?.version)).toEqual(['1', '1']);
    const second = await publish(2);
    await stores.registry.setAlias(MODEL, 'production', second.version);
    const deadline = Date.now() + 5000;
    while (replicas.some((r) => r.models.current?.version !== '2') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(replicas.map((r) => r.models.current?.version)).toEqual(['2', '2']);
    for (const replica of replicas) {
      const answer = await replica.app.inject({ method: 'POST', url: '/predict', payload: EXAMPLE_BODY });
      expect(answer.json().model.version).toBe('2');
    }
  });
});
