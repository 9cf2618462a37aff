import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { parseSearchFilter, RUN_SEARCH_SCHEMA } from '../../src/core/tracking/index.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/write-runs.ts', import.meta.url));
const RUNS_PER_WRITER = 40;

function writer(
  file: string,
  label: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', SCRIPT, file, 'shared', String(RUNS_PER_WRITER), label],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('two processes write runs to one SQLite file at once without errors or lost rows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-two-'));
  try {
    const file = join(dir, 'amlops.db');
    // Both start on a file that does not exist yet: they also race to create and migrate it.
    const results = await Promise.all([writer(file, 'alpha'), writer(file, 'beta')]);
    for (const result of results) {
      expect(result.stderr.replace(/.*ExperimentalWarning.*\n?/g, '')).not.toMatch(/Error/);
      expect(result.code).toBe(0);
    }
    const written = results.flatMap((r) => JSON.parse(r.stdout) as string[]);
    expect(new Set(written).size).toBe(2 * RUNS_PER_WRITER);

    const stores = await openSqlStores(`sqlite:${file}`, {
      artifactRoot: 'file:///tmp/amlops-two-processes',
      openArtifacts: (uri) => openArtifactStore(uri),
    });
    try {
      const experiment = await stores.tracking.getExperimentByName('shared');
      const page = await stores.tracking.searchRuns({ experimentIds: [experiment!.experimentId] });
      expect(page.items.map((r) => r.info.runId).sort()).toEqual([...written].sort());
      for (const label of ['alpha', 'beta']) {
        const mine = await stores.tracking.searchRuns({
          experimentIds: [experiment!.experimentId],
          filter: parseSearchFilter(
            `params.writer = '${label}' and attributes.status = 'FINISHED'`,
            RUN_SEARCH_SCHEMA,
          ),
        });
        expect(mine.items).toHaveLength(RUNS_PER_WRITER);
      }
      for (const id of written.slice(0, 5).concat(written.slice(-5)))
        expect(await stores.tracking.getMetricHistory(id, 'loss')).toHaveLength(3);
    } finally {
      await stores.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
