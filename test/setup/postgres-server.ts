import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** A throwaway PostgreSQL server: its admin URL and how to stop it. */
export interface PostgresServer {
  readonly url: string;
  /** Stops the server, keeping its data, as an outage would (fast shutdown: connections are cut). */
  pause(): Promise<void>;
  /** Starts it again on the same port, with its data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

const MISSING =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. ' +
  "The store tests run against a real PostgreSQL: install the Debian package 'postgresql' " +
  '(apt-get install -y postgresql), or set PG_BIN to the directory holding initdb and pg_ctl.';

function findBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    candidates.push(...['15', ...versions].map((v) => join(base, v, 'bin')));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error(MISSING);
  return found;
}

/** postgres refuses to run as root: when we are root, run it as the `postgres` user, else `nobody`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root and neither a postgres nor a nobody user exists to run PostgreSQL');
}

function run(
  bin: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
  cwd: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Starts a PostgreSQL server for the tests: a fresh cluster in a temporary directory, listening on
 * 127.0.0.1 at a free port, trust authentication, fsync off. Fails (never skips) when the binaries
 * are missing, naming the Debian package to install.
 *
 * @example
 * const pg = await startPostgresServer(); // pg.url = 'postgres://postgres@127.0.0.1:PORT/postgres'
 * await pg.stop();
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = findBinDir();
  const user = serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'amlops-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const start = () =>
    run(
      join(bin, 'pg_ctl'),
      [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -h 127.0.0.1 -k ${dir} -F -c max_connections=100 -c full_page_writes=off -c synchronous_commit=off`,
        'start',
      ],
      user,
      dir,
    );
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
      user,
      dir,
    );
    await start();
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${(error as Error).message}\n${log}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], user, dir),
    resume: start,
    async stop() {
      try {
        await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user, dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** For debugging the setup by hand: `npx tsx test/setup/postgres-server.ts` prints the version. */
export function postgresVersion(): string {
  return execFileSync(join(findBinDir(), 'pg_ctl'), ['--version'], { encoding: 'utf8' }).trim();
}
