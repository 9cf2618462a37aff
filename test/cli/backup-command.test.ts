import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-backup-'));
const home = join(dir, 'home');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: home, ...env } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
const open = (file: string) =>
  openSqlStores(`sqlite:${file}`, {
    artifactRoot: pathToFileURL(join(dir, 'artifacts')).href,
    openArtifacts: (uri) => openArtifactStore(uri),
  });

describe('amlops backup', () => {
  it('copies the store while another connection writes to it, checked, and never overwrites', async () => {
    const live = await open(join(home, 'amlops.db'));
    const experimentId = await live.tracking.createExperiment({ name: 'kept' });
    let writing = true;
    const writer = (async () => {
      // Each write lets the event loop run, as another process's would: the CLI imports the command
      // when it runs, which a loop of writes answered in microtasks alone would hold up for ever.
      for (let i = 0; writing; i++) {
        await live.tracking.createExperiment({ name: `during-${i}` });
        await setImmediate();
      }
    })();
    const backup = await run(['backup', '--out', 'copy.db', '--json']);
    writing = false;
    await writer;
    await live.close();
    expect(backup.code, backup.err).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ file: join(dir, 'copy.db'), bytes: expect.any(Number) });
    const copy = await open(join(dir, 'copy.db'));
    expect((await copy.tracking.getExperiment(experimentId)).name).toBe('kept');
    await copy.close();
    const again = await run(['backup', '--out', 'copy.db']);
    expect(again.code).toBe(64);
    expect(again.err).toContain('exists already: a backup never overwrites a file');
  });

  it('sends PostgreSQL stores to pg_dump', async () => {
    const refused = await run(['backup', '--out', 'pg.db'], {
      DATABASE_URL: 'postgres://amlops@127.0.0.1:1/amlops',
    });
    expect(refused.code).toBe(64);
    expect(refused.err).toContain('back up PostgreSQL with pg_dump');
  });
});
