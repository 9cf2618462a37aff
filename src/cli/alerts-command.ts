import { Command } from 'commander';
import { WebhookNotifier } from '../adapters/notify/webhook-notifier.js';
import { SqlAlertStore } from '../adapters/sql/alert-sql-store.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { databaseUrlOf } from '../config/index.js';
import { parseDuration } from '../core/alerts/parse-duration.js';
import { AmlopsError } from '../core/errors/index.js';
import type { DeliveryAttempt } from '../ports/notifier.js';
import { alertOverview } from '../services/alert-overview.js';
import { type AlertServiceDeps, acknowledgeRule, silenceRule } from '../services/alert-service.js';
import { alertServiceDeps } from '../services/alert-service-deps.js';
import { testNotification } from '../services/test-notification.js';
import type { CliContext } from './cli-context.js';
import { decisionMaker } from './decision-maker.js';
import { renderTable } from './render-table.js';

const iso = (time: number | null): string => (time === null ? '-' : new Date(time).toISOString());
const figure = (value: number | null): string =>
  value === null ? '-' : Number(value.toPrecision(6)).toString();

/**
 * `amlops alerts list|history|deliveries|silence|ack|test`: the alert rules of the configuration
 * with their states, what happened to them, the notifications sent with every attempt, silencing
 * a rule until a time, acknowledging an alert, and a test notification to the webhook.
 */
export function alertsCommand(context: CliContext): Command {
  const withAlerts = async <T>(
    command: Command,
    work: (deps: AlertServiceDeps) => Promise<T>,
  ): Promise<T> => {
    const { config } = context.config(command);
    const database = await openSqlDatabase(databaseUrlOf(config, context.io.cwd));
    const store = await SqlAlertStore.open(database);
    await database.close();
    try {
      return await work(
        alertServiceDeps(config, store, {
          webhook: (url) => new WebhookNotifier(url),
          log: (line) => context.io.stderr(`${line}\n`),
        }),
      );
    } finally {
      await store.close();
    }
  };

  const list = new Command('list')
    .description('every alert rule with its current state')
    .option('--json', 'print the rules and states as JSON')
    .action(async (_flags: unknown, command: Command) => {
      const overview = await withAlerts(command, (deps) => alertOverview(deps));
      context.print(command, overview, () =>
        renderTable(
          [
            'RULE',
            'SEVERITY',
            'CONDITION',
            'STATE',
            'SINCE',
            'VALUE',
            'SILENCED UNTIL',
            'ACKNOWLEDGED BY',
            'DETAIL',
          ],
          overview.map(({ rule, state }) => [
            rule.name,
            rule.severity,
            `${rule.metric} ${rule.condition} ${rule.threshold}`,
            state?.state ?? 'ok',
            iso(state?.since ?? null),
            figure(state?.value ?? null),
            state?.silencedUntil && state.silencedUntil > Date.now() ? iso(state.silencedUntil) : '-',
            state?.acknowledgedBy ?? '-',
            state?.detail ?? 'not evaluated yet',
          ]),
        ),
      );
    });

  const history = new Command('history')
    .description('what happened to the alerts, newest first: transitions, silences, acknowledgements')
    .option('--rule <name>', 'only this rule')
    .option('--since <time>', 'at or after this ISO time')
    .option('--limit <n>', 'most events listed', '50')
    .option('--json', 'print the events as JSON')
    .action(async (flags: { rule?: string; since?: string; limit: string }, command: Command) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new AmlopsError('USAGE', `--limit must be an integer from 1 to 10000; got ${flags.limit}`);
      const since = flags.since === undefined ? undefined : Date.parse(flags.since);
      if (since !== undefined && Number.isNaN(since))
        throw new AmlopsError('USAGE', `--since must be an ISO date or time; got ${flags.since}`);
      const events = await withAlerts(command, (deps) =>
        deps.store.events({
          ...(flags.rule ? { rule: flags.rule } : {}),
          ...(since !== undefined ? { since } : {}),
          maxResults: limit,
        }),
      );
      context.print(command, events, () =>
        events.length === 0
          ? 'no alert events'
          : renderTable(
              ['AT', 'RULE', 'EVENT', 'MESSAGE'],
              events.map((e) => [
                iso(e.at),
                e.rule,
                e.kind === 'transition' ? `${e.from} -> ${e.to}` : e.kind,
                e.message,
              ]),
            ),
      );
    });

  const deliveries = new Command('deliveries')
    .description('notifications sent to the webhook, newest first, with every attempt')
    .option('--rule <name>', 'only this rule')
    .option('--limit <n>', 'most notifications listed', '20')
    .option('--json', 'print them as JSON')
    .action(async (flags: { rule?: string; limit: string }, command: Command) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new AmlopsError('USAGE', `--limit must be an integer from 1 to 10000; got ${flags.limit}`);
      const found = await withAlerts(command, async (deps) =>
        Promise.all(
          (
            await deps.store.deliveries({ ...(flags.rule ? { rule: flags.rule } : {}), maxResults: limit })
          ).map(async (d) => ({ ...d, attemptLog: await deps.store.attempts(d.id) })),
        ),
      );
      context.print(command, found, () =>
        found.length === 0
          ? 'no notifications'
          : found
              .map(
                (d) =>
                  `${iso(d.createdAt)}  ${d.rule}  to ${d.receiver}: ${d.state} after ${d.attempts} attempt(s)${d.lastError ? ` (last: ${d.lastError})` : ''}${d.nextAttemptAt ? `; next at ${iso(d.nextAttemptAt)}` : ''}\n${d.attemptLog
                    .map(
                      (a) =>
                        `    #${a.attempt} ${iso(a.at)} ${a.ok ? 'ok' : 'failed'} ${a.status ?? ''} ${a.error ?? ''} (${a.durationMs.toFixed(0)} ms)`,
                    )
                    .join('\n')}`,
              )
              .join('\n'),
      );
    });

  const silence = new Command('silence')
    .description('silence a rule until a time: it is still evaluated and recorded, but notifies nothing')
    .argument('<rule>', 'the rule name (amlops alerts list)')
    .option('--until <time>', 'ISO time the silence ends')
    .option('--for <duration>', 'how long, e.g. 30m, 4h, 2d (instead of --until)')
    .requiredOption('--reason <text>', 'why (recorded)')
    .option('--by <name>', 'who silences it (default: AMLOPS_USER or the login name)')
    .option('--json', 'print the alert state as JSON')
    .action(
      async (
        rule: string,
        flags: { until?: string; for?: string; reason: string; by?: string },
        command: Command,
      ) => {
        if ((flags.until === undefined) === (flags.for === undefined))
          throw new AmlopsError('USAGE', 'give exactly one of --until TIME and --for DURATION');
        let until: number;
        if (flags.until !== undefined) {
          until = Date.parse(flags.until);
          if (Number.isNaN(until))
            throw new AmlopsError('USAGE', `--until must be an ISO time; got ${flags.until}`);
        } else {
          let ms: number;
          try {
            ms = parseDuration(flags.for!);
          } catch (error) {
            throw new AmlopsError('USAGE', `--for: ${(error as Error).message}`);
          }
          until = Date.now() + ms;
        }
        const by = decisionMaker(context.io, flags.by);
        const state = await withAlerts(command, (deps) =>
          silenceRule(deps, rule, { until, reason: flags.reason, by }),
        );
        context.print(command, state, () => `${rule} silenced until ${iso(until)} by ${by}: ${flags.reason}`);
      },
    );

  const ack = new Command('ack')
    .description('acknowledge a pending or firing alert (someone is on it)')
    .argument('<rule>', 'the rule name')
    .option('--by <name>', 'who (default: AMLOPS_USER or the login name)')
    .option('--json', 'print the alert state as JSON')
    .action(async (rule: string, flags: { by?: string }, command: Command) => {
      const by = decisionMaker(context.io, flags.by);
      const state = await withAlerts(command, (deps) => acknowledgeRule(deps, rule, by));
      context.print(command, state, () => `${rule} (${state.state}) acknowledged by ${by}`);
    });

  const test = new Command('test')
    .description('send a test notification to alerts.webhookUrl and show every attempt')
    .option('--json', 'print the outcome as JSON')
    .action(async (_flags: unknown, command: Command) => {
      const { config } = context.config(command);
      const url = config['alerts.webhookUrl'];
      if (!url)
        throw new AmlopsError(
          'USAGE',
          'no alerts.webhookUrl (AMLOPS_ALERTS_WEBHOOK_URL) to send a test notification to',
        );
      const notifier = new WebhookNotifier(url);
      const attempts: DeliveryAttempt[] = [];
      const outcome = await testNotification(notifier, Date.now, (a) => void attempts.push(a));
      context.print(command, { receiver: notifier.name, ...outcome, attempts }, () =>
        [
          ...attempts.map(
            (a) =>
              `attempt ${a.attempt}: ${a.ok ? 'ok' : 'failed'} ${a.status ?? ''} ${a.error ?? ''} (${a.durationMs.toFixed(0)} ms)`,
          ),
          outcome.delivered ? `delivered to ${notifier.name}` : `not delivered to ${notifier.name}`,
        ].join('\n'),
      );
      if (!outcome.delivered)
        throw new AmlopsError(
          'ALERT_DELIVERY_FAILED',
          `the test notification was not delivered to ${notifier.name}: ${attempts.at(-1)?.error ?? 'no attempt made'}`,
        );
    });

  return new Command('alerts')
    .description('alert rules, their states and history; silence, acknowledge, test the webhook')
    .addCommand(list)
    .addCommand(history)
    .addCommand(deliveries)
    .addCommand(silence)
    .addCommand(ack)
    .addCommand(test);
}
