import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { PostgresServer } from './postgres-server.js';
import type { S3Server } from './s3-server.js';

const SERVER_TESTS = ['test/stores', 'test/contracts'];

function listTests(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => relative(process.cwd(), join(dir, f)));
  } catch {
    return [];
  }
}

/**
 * True unless the command line names test filters none of which matches a test needing the
 * servers (so `npx vitest run src/core/gbdt` does not start PostgreSQL). When unsure, start them.
 */
function needsServers(): boolean {
  const args = process.argv
    .slice(2)
    .filter((a) => !a.startsWith('-') && a !== 'run' && !a.includes('vitest'));
  if (args.length === 0) return true;
  // Only file filters can rule the servers out; anything else (a -t pattern's value…) means "unsure".
  if (!args.every((a) => a.includes('/') || a.endsWith('.ts'))) return true;
  const serverTests = SERVER_TESTS.flatMap(listTests);
  return args.some((filter) => serverTests.some((file) => file.includes(filter.replace(/^\.\//, ''))));
}

/**
 * Starts the throwaway services the tests need and stops them after: a PostgreSQL server (initdb +
 * pg_ctl in a temporary directory) and an S3-compatible server (s3rver), both on 127.0.0.1 at free
 * ports. Tests read them with `inject('postgresUrl')` and `inject('s3')`. Started here rather than by
 * `.ci/run`, so that `npm test` works the same everywhere; a missing PostgreSQL fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!needsServers()) {
    project.provide('postgresUrl', '');
    project.provide('s3', { endpoint: '', bucket: '', accessKeyId: '', secretAccessKey: '' });
    return async () => {};
  }
  // Loaded only when needed: s3rver and its dependencies take a while to import.
  const [{ startPostgresServer }, { startS3Server }] = await Promise.all([
    import('./postgres-server.js'),
    import('./s3-server.js'),
  ]);
  const started: (PostgresServer | S3Server)[] = [];
  const track = <T extends PostgresServer | S3Server>(server: T): T => {
    started.push(server);
    return server;
  };
  try {
    const [postgres, s3] = await Promise.all([
      startPostgresServer().then(track),
      startS3Server().then(track),
    ]);
    project.provide('postgresUrl', postgres.url);
    project.provide('s3', {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
  return async () => {
    await Promise.allSettled(started.map((s) => s.stop()));
  };
}
