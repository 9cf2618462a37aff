import { Agent, request } from 'node:http';

/** What a constant-rate load got. */
export interface OpenLoopResult {
  readonly seconds: number;
  readonly sent: number;
  /** Request ids (the server's) of the 200 answers. */
  readonly answered: readonly string[];
  /** Answers other than 200, by status; `error` for a connection that failed. */
  readonly failures: Readonly<Record<string, number>>;
  /** Milliseconds from when each request was due to when its answer ended, sorted. */
  readonly latenciesMs: Float64Array;
}

/**
 * Sends `POST url` with `body` at a constant `perSecond` rate for `seconds`, whatever the server
 * does (an open loop: a slow answer does not delay the next request), on keep-alive connections
 * (at most `connections`), and times each request from when it was due, not from when a socket
 * was free, so that a stall is counted in full (no coordinated omission).
 *
 * @example
 * const result = await openLoop('http://127.0.0.1:8080/predict', body, { perSecond: 1000, seconds: 60 });
 */
export async function openLoop(
  url: string,
  body: string,
  options: { perSecond: number; seconds: number; connections?: number; onSecond?: (second: number) => void },
): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 64 });
  const target = new URL(url);
  const latencies: number[] = [];
  const answered: string[] = [];
  const failures: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round(options.perSecond * options.seconds);
  let sent = 0;
  let second = 0;
  const fail = (key: string) => {
    failures[key] = (failures[key] ?? 0) + 1;
  };
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode === 200)
              answered.push((JSON.parse(text) as { request_id: string }).request_id);
            else fail(String(res.statusCode));
            resolve();
          });
          res.on('error', () => {
            fail('error');
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        fail('error');
        resolve();
      });
      req.end(body);
    });
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - started) / 1000) * options.perSecond));
      for (; sent < due; sent++) {
        const at = started + (sent * 1000) / options.perSecond;
        const p = send(at).finally(() => pending.delete(p));
        pending.add(p);
      }
      const elapsed = Math.floor((now - started) / 1000);
      if (elapsed > second) {
        second = elapsed;
        options.onSecond?.(second);
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  return {
    seconds: (performance.now() - started) / 1000,
    sent,
    answered,
    failures,
    latenciesMs: Float64Array.from(latencies).sort(),
  };
}

/** The `q` quantile (0–1) of sorted values. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
