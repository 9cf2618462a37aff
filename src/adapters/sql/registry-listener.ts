import { createRequire } from 'node:module';
import { REGISTRY_CHANNEL } from './migrations/0013-registry-notify.js';

/** A subscription to the registry's alias changes; `close` ends it. */
export interface RegistryListener {
  close(): Promise<void>;
}

/** Longest wait before connecting again after the connection is lost. */
const MAX_RETRY_MS = 30_000;

/**
 * Listens on a PostgreSQL store for alias changes (the trigger of migration 0013): `onChange` gets
 * the model's name as soon as any process moves one of its aliases. A lost connection is opened
 * again (after 1 s, doubling up to 30 s) and said once through `onError`; meanwhile polling still
 * finds every change, only later.
 *
 * @example
 * const listener = await listenRegistryChanges(url, (model) => models.poll(), (error) => log.warn(error));
 * await listener.close();
 */
export async function listenRegistryChanges(
  url: string,
  onChange: (model: string) => void,
  onError: (error: Error) => void,
): Promise<RegistryListener> {
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  let closed = false;
  let client: InstanceType<typeof pg.Client> | undefined;
  let retryMs = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === REGISTRY_CHANNEL) onChange(message.payload ?? '');
    });
    next.on('error', (error) => {
      onError(error);
      next.end().catch(() => {});
      if (client === next) client = undefined;
      reconnectLater();
    });
    await next.connect();
    await next.query(`listen ${REGISTRY_CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    retryMs = 1000;
  };
  const reconnectLater = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: Error) => {
        onError(error);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        reconnectLater();
      });
    }, retryMs);
    timer.unref?.();
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
