import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from '../setup/free-port.js';

/** An S3 request as the proxy sees it (path-style: `/bucket/key`). */
export interface S3Request {
  readonly method: string;
  readonly path: string;
}

/** What the S3 store does to the cluster: answer, be unreachable, or take requests and never answer. */
export type S3Fault = 'down' | 'stall';

/** The cluster's S3 endpoint: s3rver behind a proxy that can make it unreachable on cue. */
export interface S3FaultProxy {
  /** The endpoint the cluster uses (`S3_ENDPOINT`). */
  readonly endpoint: string;
  /** Requests passed to S3 so far (not the refused or held ones). */
  readonly passed: readonly S3Request[];
  /**
   * Arms a fault that begins once the answer to the first request matching `match` has been sent
   * (so that it falls exactly between two requests of one process), and resolves when it began.
   */
  faultAfter(match: (request: S3Request) => boolean, fault: S3Fault): Promise<void>;
  /** Makes the store unreachable now: the port is closed and open connections are dropped. */
  goDown(): Promise<void>;
  /** Ends a fault: the port listens again, requests held by a stall are dropped. */
  comeBack(): Promise<void>;
  /** Resolves once a request is held by a stall (the process sending it is now waiting on S3). */
  waitForHeldRequest(): Promise<S3Request>;
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 in front of the S3 server at `target` (`http://127.0.0.1:PORT`).
 * Requests are passed unchanged (the `Host` header too, which the signatures cover). A fault
 * holds until `comeBack`; the proxy keeps its port, so processes reach it again without a restart.
 *
 * @example
 * const s3 = await startS3FaultProxy(s3rver.endpoint);
 * await s3.goDown(); // puts fail with ECONNREFUSED
 * await s3.comeBack();
 */
export async function startS3FaultProxy(target: string): Promise<S3FaultProxy> {
  const upstream = new URL(target);
  const port = await freePort();
  const passed: S3Request[] = [];
  const sockets = new Set<Socket>();
  const held: { request: S3Request; socket: Socket }[] = [];
  const heldWaiters: ((request: S3Request) => void)[] = [];
  let stalled = false;
  let listening = false;
  let trigger: { match: (r: S3Request) => boolean; fault: S3Fault; began: () => void } | undefined;

  const hold = (request: S3Request, req: IncomingMessage) => {
    req.resume();
    held.push({ request, socket: req.socket });
    for (const waiter of heldWaiters.splice(0)) waiter(request);
  };
  const pass = (request: S3Request, req: IncomingMessage, res: ServerResponse) => {
    passed.push(request);
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => req.socket.destroy());
    req.pipe(out);
  };
  const server = createServer((req, res) => {
    const request = { method: req.method ?? '', path: (req.url ?? '').split('?')[0]! };
    if (stalled) return hold(request, req);
    const armed = trigger;
    if (armed?.match(request)) {
      trigger = undefined;
      res.once('finish', () => {
        if (armed.fault === 'stall') stalled = true;
        else dropConnections();
        armed.began();
      });
    }
    pass(request, req, res);
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  /** Stops listening at once (the close callback waits for connections, which are destroyed here). */
  const dropConnections = () => {
    if (listening) server.close();
    listening = false;
    for (const socket of sockets) socket.destroy();
  };
  await listen();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    passed,
    faultAfter(match, fault) {
      return new Promise((began) => {
        trigger = { match, fault, began };
      });
    },
    async goDown() {
      trigger = undefined;
      dropConnections();
    },
    async comeBack() {
      stalled = false;
      for (const { socket } of held.splice(0)) socket.destroy();
      if (!listening) await listen();
    },
    waitForHeldRequest() {
      const first = held[0];
      if (first) return Promise.resolve(first.request);
      return new Promise((resolve) => heldWaiters.push(resolve));
    },
    async close() {
      trigger = undefined;
      stalled = false;
      dropConnections();
      server.closeAllConnections();
    },
  };
}
