import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from './default-alert-rules.js';
import { parseAlertRules } from './parse-alert-rules.js';
import { parseDuration } from './parse-duration.js';

const valid = { name: 'auc-low', metric: 'training.test_roc_auc', condition: '<', threshold: 0.89 };

describe('parseAlertRules', () => {
  it('reads the default rules: the original alert, drift, live ROC AUC and its drop, errors, latency', () => {
    const rules = parseAlertRules(DEFAULT_ALERT_RULES);
    expect(rules.map((r) => `${r.name}: ${r.metric} ${r.condition} ${r.threshold}`)).toEqual([
      'test-roc-auc-low: training.test_roc_auc < 0.89',
      'live-data-drift: live.drift_share >= 0.5',
      'live-roc-auc-low: live.roc_auc < 0.89',
      'live-roc-auc-drop: live.roc_auc_drop > 0.03',
      'scoring-errors: scoring.error_rate > 0.01',
      'scoring-latency: scoring.p99_ms > 250',
    ]);
    expect(rules.find((r) => r.name === 'live-roc-auc-low')).toMatchObject({
      windowMs: 30 * 86_400_000,
      minCases: 200,
    });
    expect(rules.find((r) => r.name === 'scoring-errors')).toMatchObject({
      windowMs: 900_000,
      forMs: 300_000,
    });
    expect(rules[0]).toMatchObject({ windowMs: 0, forMs: 0, severity: 'critical', minCases: 0 });
  });

  it.each([
    [
      { ...valid, metric: 'live.auc' },
      /rule 'auc-low': unknown metric "live.auc"; metrics: training.test_roc_auc, /,
    ],
    [{ ...valid, condition: '=' }, /rule 'auc-low': "condition" must be one of < <= > >=/],
    [{ ...valid, threshold: '0.89' }, /rule 'auc-low': "threshold" must be a finite number/],
    [
      { ...valid, threshold: 1.5 },
      /rule 'auc-low': "threshold" 1.5 is outside the range of training.test_roc_auc \(0 to 1\)/,
    ],
    [{ ...valid, window: '1h' }, /"window" does not apply to training.test_roc_auc/],
    [
      { ...valid, metric: 'live.drift_share', threshold: 0.5, window: '1h' },
      /read from the live report, whose window is monitoring.windowHours/,
    ],
    [{ ...valid, metric: 'live.roc_auc', window: 'a day' }, /"window": 'a day' is not a duration/],
    [{ ...valid, minCases: 10 }, /"minCases" does not apply to training.test_roc_auc/],
    [{ ...valid, severity: 'page' }, /"severity" must be one of critical, warning, info/],
    [{ ...valid, colour: 'red' }, /unknown key "colour"/],
    [{ ...valid, name: 'Bad Name' }, /rule 'Bad Name': "name" must be/],
    [{ metric: 'live.roc_auc' }, /rule 1: "name" must be/],
  ])('names the rule and what is wrong: %j', (rule, message) => {
    expect(() => parseAlertRules([rule])).toThrow(message);
  });

  it('refuses two rules of one name, and a value that is not a list', () => {
    expect(() => parseAlertRules([valid, valid])).toThrow(/rule 'auc-low': another rule has the same name/);
    expect(() => parseAlertRules({ rules: [] })).toThrow(/a JSON list of rules/);
    expect(parseAlertRules([])).toEqual([]);
  });
});

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect([
      parseDuration('30s'),
      parseDuration('15m'),
      parseDuration('24h'),
      parseDuration('7d'),
      parseDuration('0'),
    ]).toEqual([30_000, 900_000, 86_400_000, 604_800_000, 0]);
    expect(() => parseDuration('15')).toThrow(/'15' is not a duration/);
  });
});
