import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { startScoringProcess } from '../../src/main/server.js';
import { freePort } from '../setup/free-port.js';

// Each secret is a distinct string, so that a failure says which one leaked.
const SECRETS = {
  databasePassword: 'S3cretPw-db-7d1f0c',
  sslPassword: 'SslPw-9a2e41',
  s3SecretKey: 'S3-secret-key-5c8b77',
  s3EndpointPassword: 'EndpointPw-4411ab',
  apiKey: 'ApiKey-a7f3e9d2',
};

const dir = mkdtempSync(join(tmpdir(), 'amlops-secrets-'));
let databasePort: number;
let s3Port: number;
let webhookPort: number;
let env: Record<string, string>;

beforeAll(async () => {
  // Ports nothing listens on: every connection is refused, no server is needed.
  [databasePort, s3Port, webhookPort] = [await freePort(), await freePort(), await freePort()];
  env = {
    AMLOPS_HOME: join(dir, 'home'),
    AMLOPS_LOG_LEVEL: 'silent',
    DATABASE_URL: `postgres://amlops:${SECRETS.databasePassword}@127.0.0.1:${databasePort}/amlops?sslpassword=${SECRETS.sslPassword}&application_name=amlops-test`,
    S3_ENDPOINT: `http://minio:${SECRETS.s3EndpointPassword}@127.0.0.1:${s3Port}`,
    ARTIFACTS_URI: 's3://amlops-artifacts/prefix',
    AWS_ACCESS_KEY_ID: 'minio',
    AWS_SECRET_ACCESS_KEY: SECRETS.s3SecretKey,
    AWS_REGION: 'us-east-1',
    AMLOPS_ALERTS_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/hooks/amlops?api_key=${SECRETS.apiKey}`,
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (args: string[], extra: Record<string, string | undefined> = {}) => {
  const io = memoryIo({ cwd: dir, env: { ...env, ...extra } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

/** Fails naming every secret found in `text`. */
function expectNoSecret(text: string): void {
  const found = Object.entries(SECRETS).filter(([, secret]) => text.includes(secret));
  expect(
    found.map(([name]) => name),
    text,
  ).toEqual([]);
}

describe('secrets are never printed', () => {
  it('amlops config shows where each store is but none of the secrets, as text and as JSON', async () => {
    const text = await run(['config']);
    expect(text.code, text.err).toBe(0);
    expectNoSecret(text.out + text.err);
    expect(text.out).toContain(`postgres://amlops:***@127.0.0.1:${databasePort}/amlops?sslpassword=***`);
    expect(text.out).toContain(`http://minio:***@127.0.0.1:${s3Port}`);
    expect(text.out).toContain(`http://127.0.0.1:${webhookPort}/***`);

    const json = await run(['config', '--json']);
    expect(json.code, json.err).toBe(0);
    expectNoSecret(json.out + json.err);
    const config = JSON.parse(json.out);
    expect(config.store.databaseUrl).toBe(
      `postgres://amlops:***@127.0.0.1:${databasePort}/amlops?sslpassword=***&application_name=amlops-test`,
    );
    expect(config.artifacts.s3Endpoint).toBe(`http://minio:***@127.0.0.1:${s3Port}`);
  });

  it('an unreachable database is named (host, port, database, user) with the driver reason, without its password', async () => {
    for (const args of [
      ['models', 'list'],
      ['models', 'list', '--json'],
      ['alerts', 'list'],
    ]) {
      const { code, out, err } = await run(args);
      expect(code, args.join(' ')).toBe(69);
      expectNoSecret(out + err);
      expect(err).toContain('STORE_UNAVAILABLE');
      expect(err).toContain(
        `cannot reach PostgreSQL at 127.0.0.1:${databasePort} (database amlops, user amlops): connect ECONNREFUSED 127.0.0.1:${databasePort}`,
      );
    }
  });

  it('an unreachable S3 endpoint is named by host and port with the SDK reason, without the credentials', async () => {
    const { code, out, err } = await run(['init', '--data', 's3://amlops-data/cases.csv', '--yes']);
    expect(code).toBe(69);
    expectNoSecret(out + err);
    expect(err).toContain('STORE_UNAVAILABLE');
    expect(err).toContain(`from S3 at 127.0.0.1:${s3Port}: `);
    expect(err).toContain('ECONNREFUSED');
  });

  it('reads a secret from the file <VAR>_FILE names, and names the variables, never the content, when it cannot', async () => {
    const file = join(dir, 'database-url');
    writeFileSync(file, `${env.DATABASE_URL}\n`);
    const fromFile = await run(['config', '--json'], { DATABASE_URL: undefined, DATABASE_URL_FILE: file });
    expect(fromFile.code, fromFile.err).toBe(0);
    expectNoSecret(fromFile.out + fromFile.err);
    expect(JSON.parse(fromFile.out).store.databaseUrl).toMatch(
      new RegExp(`^postgres://amlops:\\*\\*\\*@127\\.0\\.0\\.1:${databasePort}/amlops\\?`),
    );
    expect(loadConfig({ cwd: dir, env: { DATABASE_URL_FILE: file } }).config['store.databaseUrl']).toBe(
      env.DATABASE_URL,
    );

    const both = await run(['config'], { DATABASE_URL_FILE: file });
    expect(both.code).toBe(78);
    expectNoSecret(both.out + both.err);
    expect(both.err).toContain('CONFIG_INVALID');
    expect(both.err).toContain('both DATABASE_URL and DATABASE_URL_FILE are set');

    const missing = await run(['config'], {
      AMLOPS_ALERTS_WEBHOOK_URL: undefined,
      AMLOPS_ALERTS_WEBHOOK_URL_FILE: join(dir, 'no-such-file'),
    });
    expect(missing.code).toBe(78);
    expect(missing.err).toContain(
      `cannot read AMLOPS_ALERTS_WEBHOOK_URL_FILE (${join(dir, 'no-such-file')}): ENOENT`,
    );
  });

  it('a wrong value of a secret setting is refused without repeating it', async () => {
    writeFileSync(join(dir, 'bad.config.json'), JSON.stringify({ store: { databaseUrl: 12345678 } }));
    const { code, err } = await run(['config', '--config', 'bad.config.json']);
    expect(code).toBe(78);
    expect(err).toContain('store.databaseUrl');
    expect(err).not.toContain('12345678');
  });
});

/** A pino destination keeping every line. */
function captureLogs(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('the scoring server keeps the secrets out of its logs and answers', () => {
  it('fails to start on an unreachable database saying where and why, without the password', async () => {
    const logs = captureLogs();
    const { config } = loadConfig({ cwd: dir, env: { ...env, AMLOPS_PORT: '0', AMLOPS_LOG_LEVEL: 'trace' } });
    const failure = await startScoringProcess(config, {
      cwd: dir,
      version: '0.0.0-test',
      logDestination: logs.stream,
    }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(failure?.message).toContain(`cannot reach PostgreSQL at 127.0.0.1:${databasePort}`);
    expectNoSecret(`${failure?.message} ${JSON.stringify(failure)} ${logs.text()}`);
  });

  it('serves on the embedded store with the other secrets set, and logs none of them', async () => {
    const logs = captureLogs();
    const { config } = loadConfig({
      cwd: dir,
      env: { ...env, DATABASE_URL: undefined, AMLOPS_PORT: '0', AMLOPS_LOG_LEVEL: 'trace' },
    });
    const server = await startScoringProcess(config, {
      cwd: dir,
      version: '0.0.0-test',
      logDestination: logs.stream,
    });
    const answers: string[] = [];
    try {
      for (const [path, init] of [
        ['/readyz', undefined],
        ['/metrics', undefined],
        ['/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
        [`/predict?api_key=${SECRETS.apiKey}`, { method: 'POST', body: 'not json' }],
        ['/no-such-page', undefined],
      ] as const) {
        const response = await fetch(`${server.url}${path}`, init);
        answers.push(`${response.status} ${await response.text()}`);
      }
    } finally {
      await server.shutdown();
    }
    expect(logs.text()).toContain('scoring server listening');
    expectNoSecret(answers.join('\n'));
    // The request's own URL carries the key: the log of that request must not show it either.
    expectNoSecret(logs.text());
  });
});
