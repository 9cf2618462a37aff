import { describe, expect, it } from 'vitest';
import { acknowledgeAlert } from './acknowledge-alert.js';
import type { AlertRule } from './alert-rule.js';
import type { AlertState } from './alert-state.js';
import { evaluateAlert } from './evaluate-alert.js';
import { silenceAlert } from './silence-alert.js';

const rule: AlertRule = {
  name: 'live-roc-auc-low',
  metric: 'live.roc_auc',
  condition: '<',
  threshold: 0.89,
  windowMs: 86_400_000,
  forMs: 600_000,
  severity: 'critical',
  minCases: 200,
  summary: '',
};
const labels = { model: 'm', version: '3' };
const at = (minutes: number) => 1_764_255_600_000 + minutes * 60_000;
const observe = (value: number | null, detail = '412 concluded cases') => ({ value, labels, detail });

/** Evaluates a sequence of (minute, value) and returns each step's state and transition. */
function run(steps: [number, number | null][], r: AlertRule = rule, start?: AlertState) {
  let state = start;
  return steps.map(([minute, value]) => {
    const result = evaluateAlert(r, state, observe(value), at(minute));
    state = result.state;
    return result;
  });
}

describe('evaluateAlert', () => {
  it('goes pending when the condition holds and fires once it has held for the rule’s `for`', () => {
    const [first, second, third] = run([
      [0, 0.85],
      [5, 0.84],
      [10, 0.83],
    ]);
    expect(first!.state).toMatchObject({ state: 'pending', since: at(0), activeSince: at(0), value: 0.85 });
    expect(first!.transition).toMatchObject({ from: 'ok', to: 'pending', notify: false });
    expect(second!.transition).toBeNull();
    expect(third!.state).toMatchObject({ state: 'firing', since: at(10) });
    expect(third!.transition).toMatchObject({
      rule: 'live-roc-auc-low',
      severity: 'critical',
      from: 'pending',
      to: 'firing',
      value: 0.83,
      notify: true,
      message: 'live-roc-auc-low firing: live.roc_auc 0.83 < 0.89 (model m, version 3; 412 concluded cases)',
    });
  });

  it('fires at once without `for`, resolves (notifying) when the condition stops, and starts again from resolved', () => {
    const now = { ...rule, forMs: 0 };
    const steps = run(
      [
        [0, 0.8],
        [1, 0.95],
        [2, 0.96],
        [3, 0.7],
      ],
      now,
    );
    expect(steps.map((s) => s.state.state)).toEqual(['firing', 'resolved', 'resolved', 'firing']);
    expect(
      steps.map((s) => s.transition && `${s.transition.from}->${s.transition.to}:${s.transition.notify}`),
    ).toEqual(['ok->firing:true', 'firing->resolved:true', null, 'resolved->firing:true']);
    expect(steps[1]!.transition).toMatchObject({ firingSince: at(0) });
  });

  it('goes back to ok without notifying when the condition stops before `for`', () => {
    const steps = run([
      [0, 0.85],
      [3, 0.9],
    ]);
    expect(steps[1]!.state).toMatchObject({ state: 'ok', activeSince: null });
    expect(steps[1]!.transition).toMatchObject({ from: 'pending', to: 'ok', notify: false });
  });

  it('keeps the state when there is no value (too few cases), recording why', () => {
    const [firing, none] = run(
      [
        [0, 0.8],
        [1, null],
      ],
      { ...rule, forMs: 0 },
    );
    expect(none!.transition).toBeNull();
    expect(none!.state).toMatchObject({
      state: 'firing',
      since: firing!.state.since,
      value: null,
      evaluatedAt: at(1),
    });
  });

  it('does not notify while silenced, and clears an acknowledgement when it resolves', () => {
    const now = { ...rule, forMs: 0 };
    const [firing] = run([[0, 0.8]], now);
    const acknowledged = acknowledgeAlert(firing!.state, { by: 'alice' }, at(1));
    expect(acknowledged).toMatchObject({ acknowledgedBy: 'alice', acknowledgedAt: at(1) });
    const silenced = silenceAlert(acknowledged, { until: at(60), reason: 'known import', by: 'bob' }, at(2));
    const [resolved, again] = run(
      [
        [3, 0.95],
        [61, 0.7],
      ],
      now,
      silenced,
    );
    expect(resolved!.transition).toMatchObject({ to: 'resolved', notify: false });
    expect(resolved!.state).toMatchObject({ acknowledgedBy: null, acknowledgedAt: null, silencedBy: 'bob' });
    expect(again!.transition).toMatchObject({ to: 'firing', notify: true });
  });

  it('refuses to silence into the past, without a reason, and to acknowledge an alert that is ok', () => {
    const [ok] = run([[0, 0.95]]);
    expect(() => silenceAlert(ok!.state, { until: at(0), reason: 'x', by: 'a' }, at(1))).toThrow(
      expect.objectContaining({ code: 'ALERT_SILENCE_INVALID' }),
    );
    expect(() => silenceAlert(ok!.state, { until: at(9), reason: ' ', by: 'a' }, at(1))).toThrow(
      expect.objectContaining({ code: 'ALERT_SILENCE_INVALID' }),
    );
    expect(() => acknowledgeAlert(ok!.state, { by: 'a' }, at(1))).toThrow(
      expect.objectContaining({ code: 'ALERT_NOT_ACTIVE' }),
    );
  });
});
