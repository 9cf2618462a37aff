/** Where the API key lives while the tab is open: never in a URL, gone when the tab closes. */
const KEY_STORAGE = 'amlops.apiKey';

/** An error answered by the API, in amlops' shape (`{error: {code, message}}`) or MLflow's. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API key the user gave, if any. */
export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

/** Keeps (or, with null, forgets) the API key for this tab. */
export function setApiKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

/** Listeners told when the API refuses the key (401): the app then asks for one. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Calls amlops' API on the server that served the page, with the key as `Authorization: Bearer`;
 * the JSON answer, or an {@link ApiError} with the API's own code and message.
 *
 * @example
 * const { runs } = await api<{ runs: Run[] }>('/api/v1/runs?max_results=50');
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const key = apiKey();
  let answer: Response;
  try {
    answer = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached: is amlops still running?');
  }
  const text = await answer.text();
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(answer.status, 'NOT_JSON', `the server answered ${answer.status} without JSON`);
  }
  if (!answer.ok) {
    const error = body as {
      error?: { code?: string; message?: string };
      error_code?: string;
      message?: string;
    };
    const code = error.error?.code ?? error.error_code ?? `HTTP_${answer.status}`;
    const message = error.error?.message ?? error.message ?? `the server answered ${answer.status}`;
    if (answer.status === 401) for (const listener of unauthorizedListeners) listener();
    throw new ApiError(answer.status, code, message);
  }
  return body as T;
}
