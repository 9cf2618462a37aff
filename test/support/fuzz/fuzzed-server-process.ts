import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { JudgedAnswer } from './answer-problems.js';
import type { FuzzedRequest, FuzzedRoute } from './fuzzed-request.js';

const CHILD = fileURLToPath(new URL('./fuzzed-server-child.ts', import.meta.url));

/** What the server process tells its parent once it listens. */
export interface FuzzedServerReady {
  readonly kind: 'ready';
  readonly port: number;
  /** Every route the server registers. */
  readonly routes: readonly FuzzedRoute[];
  /** Names and ids that exist: for the scoring routes, and for the tracking and registry APIs. */
  readonly known: { readonly scoring: string[]; readonly tracking: string[] };
}

/** What the parent asks the server process. */
export type FuzzedServerMessage = 'memory' | 'close';

/** A scoring server in its own process, attacked over real HTTP on loopback. */
export interface FuzzedServerProcess extends Omit<FuzzedServerReady, 'kind'> {
  /** Sends `request` over a kept-alive connection; the status and body of the answer. */
  send(request: Pick<FuzzedRequest, 'method' | 'url' | 'headers' | 'payload'>): Promise<JudgedAnswer>;
  /** The server process's memory once its garbage is collected. */
  settledMemory(): Promise<NodeJS.MemoryUsage>;
  close(): Promise<void>;
}

/**
 * Starts the fuzzed scoring server (`fuzzed-server-child.ts`: a fresh embedded store, a production
 * model, a run and a second model to find) in a child process with `env` added to its environment.
 *
 * @example
 * const server = await fuzzedServerProcess();
 * const answer = await server.send({ method: 'GET', url: '/healthz', headers: {} });
 */
export async function fuzzedServerProcess(env: NodeJS.ProcessEnv = {}): Promise<FuzzedServerProcess> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage<FuzzedServerReady>(child, 'ready');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    port: ready.port,
    routes: ready.routes,
    known: ready.known,
    send: (request) => sendOver(agent, ready.port, request),
    async settledMemory() {
      const answer = nextMessage<{ usage: NodeJS.MemoryUsage }>(child, 'memory');
      child.send('memory' satisfies FuzzedServerMessage);
      return (await answer).usage;
    },
    async close() {
      agent.destroy();
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close' satisfies FuzzedServerMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child's next message of `kind`; fails when the child exits first. */
function nextMessage<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { kind?: string }) => {
      if (message?.kind !== kind) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message as T);
    };
    const onExit = (code: number | null, signal: string | null) => {
      child.off('message', onMessage);
      reject(
        new Error(`the fuzzed server exited (code ${code}, signal ${signal}) before its ${kind} message`),
      );
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * One request over HTTP. A server may answer before it has read a body it refuses and then close
 * the connection: the answer counts, not the error writing the rest of the body.
 */
function sendOver(
  agent: Agent,
  port: number,
  request: Pick<FuzzedRequest, 'method' | 'url' | 'headers' | 'payload'>,
): Promise<JudgedAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.url,
        headers: {
          ...request.headers,
          ...(request.payload === undefined ? {} : { 'content-length': request.payload.length }),
        },
      },
      (incoming) => {
        answered = true;
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ statusCode: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(request.payload);
  });
}
