import type { Config } from '../config/index.js';
import { parseAlertRules } from '../core/alerts/parse-alert-rules.js';
import type { AlertStore } from '../ports/alert-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { AlertServiceDeps } from './alert-service.js';

/**
 * The alert service's dependencies from the configuration: the rules of `alerts.rules`, the
 * webhook's notifier when `alerts.webhookUrl` is set (made by `webhook`, an adapter the caller
 * passes), and a log line per transition.
 *
 * @example
 * const alerts = alertServiceDeps(config, store, { webhook: (url) => new WebhookNotifier(url) });
 */
export function alertServiceDeps(
  config: Pick<Config, 'alerts.rules' | 'alerts.webhookUrl'>,
  store: AlertStore,
  options: { readonly webhook: (url: string) => Notifier; readonly log?: (line: string) => void },
): AlertServiceDeps {
  const url = config['alerts.webhookUrl'];
  const log = options.log;
  return {
    store,
    rules: parseAlertRules(config['alerts.rules']),
    ...(url ? { notifier: options.webhook(url) } : {}),
    now: Date.now,
    ...(log ? { log: (transition) => log(`alert ${transition.message}`) } : {}),
  };
}
