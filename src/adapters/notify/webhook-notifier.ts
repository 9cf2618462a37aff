import type { DeliveryAttempt, Notifier } from '../../ports/notifier.js';

export interface WebhookNotifierOptions {
  /** Attempts per delivery (default 5). */
  readonly attempts?: number;
  /** Longest wait for an answer per attempt, in ms (default 5000). */
  readonly timeoutMs?: number;
  /** Wait before the second attempt, in ms, doubled for each further one (default 1000). */
  readonly backoffMs?: number;
  /** Headers sent with every request (an `authorization`…); never shown in errors. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** What went wrong with a request, in words that carry nothing of the URL. */
function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code) return `network error ${code}`;
  return 'network error';
}

/**
 * POSTs notifications as JSON to a webhook (Grafana's webhook contact point shape, or any
 * receiver), with a timeout per attempt and exponential backoff between attempts; network errors,
 * timeouts, 429 and 5xx are retried, other statuses are a permanent failure. The URL's path and
 * query often hold a token: `name` and every error show only its scheme and host.
 *
 * @example
 * const notifier = new WebhookNotifier('https://hooks.example/amlops?token=…');
 * await notifier.deliver(payload, (attempt) => store.recordAttempt(id, attempt));
 */
export class WebhookNotifier implements Notifier {
  readonly name: string;
  readonly #url: string;
  readonly #attempts: number;
  readonly #timeoutMs: number;
  readonly #backoffMs: number;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(url: string, options: WebhookNotifierOptions = {}) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`a webhook URL must be http or https; got ${parsed.protocol}`);
    this.name = `webhook ${parsed.protocol}//${parsed.host}`;
    this.#url = url;
    this.#attempts = options.attempts ?? 5;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#backoffMs = options.backoffMs ?? 1000;
    this.#headers = options.headers ?? {};
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
  }

  async deliver(
    payload: unknown,
    onAttempt: (attempt: DeliveryAttempt) => Promise<void> | void,
  ): Promise<{ readonly delivered: boolean; readonly attempts: number }> {
    const body = JSON.stringify(payload);
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) await this.#sleep(this.#backoffMs * 2 ** (attempt - 2));
      const at = this.#now();
      const started = performance.now();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(this.#url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'amlops', ...this.#headers },
          body,
          signal: AbortSignal.timeout(this.#timeoutMs),
          redirect: 'error',
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) error = `HTTP ${status}`;
      } catch (caught) {
        error = describe(caught, this.#timeoutMs);
      }
      const ok = error === null;
      await onAttempt({ attempt, at, durationMs: performance.now() - started, ok, status, error });
      if (ok) return { delivered: true, attempts: attempt };
      const retryable = status === null || status === 429 || status >= 500;
      if (!retryable) return { delivered: false, attempts: attempt };
    }
    return { delivered: false, attempts: this.#attempts };
  }
}
