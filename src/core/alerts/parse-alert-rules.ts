import { ALERT_METRICS, type AlertMetric } from './alert-metric.js';
import type { AlertCondition, AlertRule, AlertSeverity } from './alert-rule.js';
import { parseDuration } from './parse-duration.js';

const KEYS = new Set([
  'name',
  'metric',
  'condition',
  'threshold',
  'window',
  'for',
  'severity',
  'minCases',
  'summary',
]);
const CONDITIONS: readonly AlertCondition[] = ['<', '<=', '>', '>='];
const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];
const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
/** Windows of live and scoring metrics when a rule gives none. */
const DEFAULT_WINDOW = '24h';

/**
 * Checks the `alerts.rules` setting and returns its rules, throwing an Error that names the rule
 * (by name, or by position when it has no valid name) and what is wrong with it.
 *
 * @example
 * parseAlertRules([{ name: 'auc-low', metric: 'training.test_roc_auc', condition: '<', threshold: 0.89 }]);
 */
export function parseAlertRules(json: unknown): AlertRule[] {
  if (!Array.isArray(json)) throw new Error('expected a JSON list of rules');
  const names = new Set<string>();
  return json.map((entry, index) => {
    const label =
      typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string'
        ? `rule '${(entry as { name: string }).name}'`
        : `rule ${index + 1}`;
    const fail = (why: string): never => {
      throw new Error(`${label}: ${why}`);
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return fail(
        'expected an object such as {"name": "auc-low", "metric": "training.test_roc_auc", "condition": "<", "threshold": 0.89}',
      );
    const rule = entry as Record<string, unknown>;
    for (const key of Object.keys(rule))
      if (!KEYS.has(key)) fail(`unknown key "${key}" (allowed: ${[...KEYS].join(', ')})`);
    const { name, metric, condition, threshold } = rule;
    if (typeof name !== 'string' || !NAME.test(name))
      fail(
        '"name" must be 1 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    if (names.has(name as string)) fail('another rule has the same name');
    names.add(name as string);
    if (typeof metric !== 'string' || !(metric in ALERT_METRICS))
      fail(`unknown metric ${JSON.stringify(metric)}; metrics: ${Object.keys(ALERT_METRICS).join(', ')}`);
    const spec = ALERT_METRICS[metric as AlertMetric];
    if (typeof condition !== 'string' || !CONDITIONS.includes(condition as AlertCondition))
      fail(`"condition" must be one of ${CONDITIONS.join(' ')}; got ${JSON.stringify(condition)}`);
    if (typeof threshold !== 'number' || !Number.isFinite(threshold))
      fail('"threshold" must be a finite number');
    const [low, high] = spec.range;
    if ((threshold as number) < low || (threshold as number) > high)
      fail(`"threshold" ${threshold} is outside the range of ${metric} (${low} to ${high})`);
    const windowed = spec.windowed;
    const duration = (key: 'window' | 'for', fallback: string): number => {
      const value = rule[key] ?? fallback;
      if (typeof value !== 'string') return fail(`"${key}" must be a duration such as "15m" or "24h"`);
      try {
        return parseDuration(value);
      } catch (error) {
        return fail(`"${key}": ${(error as Error).message}`);
      }
    };
    if (!windowed && rule.window !== undefined)
      fail(
        `"window" does not apply to ${metric} (${(metric as string).startsWith('training.') ? 'evaluated once per training' : 'read from the live report, whose window is monitoring.windowHours'})`,
      );
    const windowMs = windowed ? duration('window', DEFAULT_WINDOW) : 0;
    if (windowed && windowMs <= 0) fail('"window" must be longer than 0');
    const forMs = duration('for', '0');
    const severity = rule.severity ?? 'warning';
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity as AlertSeverity))
      fail(`"severity" must be one of ${SEVERITIES.join(', ')}; got ${JSON.stringify(severity)}`);
    const minCases = rule.minCases ?? 0;
    if (typeof minCases !== 'number' || !Number.isInteger(minCases) || minCases < 0)
      fail('"minCases" must be a non-negative integer');
    if (minCases !== 0 && !spec.cases) fail(`"minCases" does not apply to ${metric}, which counts no cases`);
    const summary = rule.summary ?? '';
    if (typeof summary !== 'string') fail('"summary" must be text');
    return {
      name: name as string,
      metric: metric as AlertMetric,
      condition: condition as AlertCondition,
      threshold: threshold as number,
      windowMs,
      forMs,
      severity: severity as AlertSeverity,
      minCases: minCases as number,
      summary: summary as string,
    };
  });
}
