import { request as httpRequest } from 'node:http';

/** A request in the original's shape, which every model of the default schema scores. */
export const SCORING_BODY = {
  total_outcome_dollar_amount: [2109.19],
  total_income_dollar_amount: [1305.06],
  risk_pld: ['HIGH'],
};

/** A scoring answer: its status and body. */
export interface Scored {
  readonly status: number;
  readonly body: {
    model?: { name: string; version: string; current_scope: string; status: string; run_id: string };
    predictions?: number[];
    error?: { code: string; message: string };
  };
}

/** `POST {url}/predict` with `SCORING_BODY`. */
export async function predict(url: string): Promise<Scored> {
  const response = await fetch(`${url}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SCORING_BODY),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Scored['body'] };
}

/**
 * Polls `url`'s `/readyz` (every 50 ms) until it says ready with version `version`; fails after `timeoutMs`.
 *
 * @example
 * await waitUntilServing(replica.url, '1');
 */
export async function waitUntilServing(url: string, version: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
      const text = await response.text();
      last = `${response.status} ${text}`;
      if (response.status === 200 && JSON.parse(text)?.model?.version === version) return;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${url} does not serve version ${version}: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * How many scoring requests (`POST /predict`) `url` has answered since it started, from its
 * Prometheus metrics: which replica nginx sends requests to.
 */
export async function predictRequestsServed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  let total = 0;
  for (const match of text.matchAll(
    /^http_request_duration_seconds_count\{([^}]*)\} (\d+(?:\.\d+)?(?:e\+?\d+)?)$/gm,
  ))
    if (/route="\/predict"/.test(match[1]!) && /method="POST"/.test(match[1]!)) total += Number(match[2]);
  return total;
}

/** A scoring request whose body is half sent: in flight on the replica until `finish`. */
export interface HalfSentRequest {
  /** Sends the rest of the body and resolves with the answer. */
  finish(): Promise<Scored>;
}

/**
 * Opens a connection of its own to `url`, sends `POST /predict`'s headers with `Expect:
 * 100-continue`, and once the server has read them (it says `100 Continue`) half the body, then
 * resolves: the server holds a request it must answer before it may exit. (Resolving once the
 * headers had only left let a loaded server read them after a SIGTERM: a new request then, which
 * it rightly refused with 503.)
 *
 * @example
 * const request = await halfSentPredict(replica.url);
 * void replica.stop(); // SIGTERM
 * expect((await request.finish()).status).toBe(200);
 */
export function halfSentPredict(url: string): Promise<HalfSentRequest> {
  const body = Buffer.from(JSON.stringify(SCORING_BODY));
  const half = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const answer = new Promise<Scored>((resolveAnswer, rejectAnswer) => {
      const request = httpRequest(
        `${url}/predict`,
        {
          method: 'POST',
          agent: false,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            expect: '100-continue',
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () =>
            resolveAnswer({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
          );
          response.on('error', rejectAnswer);
        },
      );
      request.on('error', (error) => {
        rejectAnswer(error);
        reject(error);
      });
      request.on('continue', () =>
        request.write(body.subarray(0, half), () =>
          resolve({
            finish: () => {
              request.end(body.subarray(half));
              return answer;
            },
          }),
        ),
      );
      request.flushHeaders();
    });
    answer.catch(() => undefined);
  });
}

/** Resolves once `url` refuses new connections (a draining server no longer listens). */
export async function waitUntilRefused(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const refused = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      () => false,
      (error: Error) => (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED',
    );
    if (refused) return;
    if (Date.now() > deadline) throw new Error(`${url} still accepts connections after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
