/** One request of the stream that did not get a 200. */
export interface FailedRequest {
  readonly at: number;
  readonly status: number | null;
  readonly error: string;
}

/** What a stream of scoring requests got. */
export interface StreamResult {
  readonly sent: number;
  readonly ok: number;
  readonly failed: readonly FailedRequest[];
  /** Model versions named by the 200 answers. */
  readonly versions: ReadonlySet<string>;
}

/** A steady stream of requests running until `stop`. */
export interface RequestStream {
  /** Counts so far. */
  result(): StreamResult;
  /** Stops sending, waits for the requests in flight, and returns what they all got. */
  stop(): Promise<StreamResult>;
}

/**
 * Sends `POST url` with `body` at a steady `perSecond` rate (each request on its own, never more
 * than `maxInFlight` at once, each with a 30 s timeout), as a client of the scoring API would,
 * counting every answer other than a 200 naming a model as a failure.
 *
 * @example
 * const stream = startRequestStream(`${nginx}/predict`, body, { perSecond: 40 });
 * const { failed } = await stream.stop();
 */
export function startRequestStream(
  url: string,
  body: unknown,
  options: { perSecond: number; maxInFlight?: number },
): RequestStream {
  const text = JSON.stringify(body);
  const maxInFlight = options.maxInFlight ?? 32;
  const started = performance.now();
  let sent = 0;
  let ok = 0;
  const failed: FailedRequest[] = [];
  const versions = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const send = async () => {
    const at = Math.round(performance.now() - started);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
        signal: AbortSignal.timeout(30_000),
      });
      const answer = await response.text();
      const version = response.status === 200 ? JSON.parse(answer)?.model?.version : undefined;
      if (typeof version === 'string') {
        ok += 1;
        versions.add(version);
      } else failed.push({ at, status: response.status, error: answer.slice(0, 300) });
    } catch (error) {
      failed.push({ at, status: null, error: String((error as Error).cause ?? error) });
    }
  };
  const timer = setInterval(() => {
    // Behind schedule (a slow machine): catch up, but never past maxInFlight.
    const due = Math.floor(((performance.now() - started) / 1000) * options.perSecond) - sent;
    for (let i = 0; i < due && inFlight.size < maxInFlight; i++) {
      sent += 1;
      const request = send().finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  }, 5);
  const result = () => ({ sent, ok, failed: [...failed], versions: new Set(versions) });
  return {
    result,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return result();
    },
  };
}
