import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertState, initialAlertState } from '../../src/core/alerts/alert-state.js';
import type { AlertStore } from '../../src/ports/alert-store.js';

const T0 = 1_764_255_600_000;

const firing = (rule: string, value: number): AlertState => ({
  ...initialAlertState(rule, T0),
  state: 'firing',
  value,
  labels: { model: 'm', version: '2' },
  detail: 'over 300 cases',
});

/** The behaviour every AlertStore must have, run against each adapter on a real database. */
export function runAlertStoreContract(
  name: string,
  makeAdapter: () => Promise<{ store: AlertStore; close(): Promise<void> }>,
): void {
  describe(`AlertStore contract: ${name}`, () => {
    let store: AlertStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await makeAdapter());
    });
    afterAll(async () => {
      await close?.();
    });

    it('writes a first state, its event and its delivery in one update, and reads them back', async () => {
      const written = await store.updateState('auc-low', (previous) => {
        expect(previous).toBeUndefined();
        return {
          state: firing('auc-low', 0.81),
          event: {
            rule: 'auc-low',
            at: T0,
            kind: 'transition',
            from: 'ok',
            to: 'firing',
            severity: 'critical',
            value: 0.81,
            threshold: 0.89,
            labels: { model: 'm', version: '2' },
            message: 'auc-low firing',
            actor: null,
          },
          delivery: {
            receiver: 'webhook http://127.0.0.1:1',
            payload: { status: 'firing', alerts: [{ values: { A: 0.81 } }] },
          },
        };
      });
      expect(written?.eventId).toEqual(expect.any(Number));
      expect(await store.states()).toEqual([firing('auc-low', 0.81)]);
      const [event] = await store.events({ rule: 'auc-low' });
      expect(event).toMatchObject({
        id: written!.eventId,
        kind: 'transition',
        from: 'ok',
        to: 'firing',
        value: 0.81,
        labels: { model: 'm', version: '2' },
      });
      const due = await store.dueDeliveries(T0, 10);
      expect(due).toEqual([
        expect.objectContaining({
          eventId: written!.eventId,
          rule: 'auc-low',
          state: 'pending',
          attempts: 0,
          rounds: 0,
          nextAttemptAt: T0,
          payload: { status: 'firing', alerts: [{ values: { A: 0.81 } }] },
        }),
      ]);
      expect(await store.dueDeliveries(T0 - 1, 10)).toEqual([]);
    });

    it('records every attempt and the outcome of each round of a delivery', async () => {
      const [delivery] = await store.dueDeliveries(T0, 10);
      await store.recordAttempt(delivery!.id, {
        attempt: 1,
        at: T0,
        durationMs: 5,
        ok: false,
        status: 500,
        error: 'HTTP 500',
      });
      await store.recordAttempt(delivery!.id, {
        attempt: 2,
        at: T0 + 1000,
        durationMs: 5000,
        ok: false,
        status: null,
        error: 'timeout after 5000 ms',
      });
      await store.settleDelivery(delivery!.id, {
        state: 'pending',
        nextAttemptAt: T0 + 60_000,
        lastError: 'timeout after 5000 ms',
        deliveredAt: null,
      });
      expect(await store.dueDeliveries(T0 + 59_999, 10)).toEqual([]);
      const [retry] = await store.dueDeliveries(T0 + 60_000, 10);
      expect(retry).toMatchObject({ attempts: 2, rounds: 1, lastError: 'timeout after 5000 ms' });
      await store.recordAttempt(delivery!.id, {
        attempt: 3,
        at: T0 + 60_000,
        durationMs: 8,
        ok: true,
        status: 200,
        error: null,
      });
      await store.settleDelivery(delivery!.id, {
        state: 'delivered',
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: T0 + 60_000,
      });
      expect(await store.dueDeliveries(T0 + 1e9, 10)).toEqual([]);
      const [done] = await store.deliveries({ rule: 'auc-low' });
      expect(done).toMatchObject({ state: 'delivered', attempts: 3, rounds: 2, deliveredAt: T0 + 60_000 });
      expect((await store.attempts(delivery!.id)).map((a) => [a.attempt, a.ok, a.status, a.error])).toEqual([
        [1, false, 500, 'HTTP 500'],
        [2, false, null, 'timeout after 5000 ms'],
        [3, true, 200, null],
      ]);
    });

    it('serialises concurrent updates of one rule: none is lost', async () => {
      await Promise.all(
        Array.from({ length: 12 }, () =>
          store.updateState('counter', (previous) => ({
            state: { ...initialAlertState('counter', T0), value: (previous?.value ?? 0) + 1 },
          })),
        ),
      );
      expect((await store.states()).find((s) => s.rule === 'counter')?.value).toBe(12);
    });

    it('writes nothing when the update returns nothing, and lists events newest first', async () => {
      expect(await store.updateState('auc-low', () => undefined)).toBeUndefined();
      for (let i = 1; i <= 3; i++)
        await store.updateState('drift', () => ({
          state: initialAlertState('drift', T0 + i),
          event: {
            rule: 'drift',
            at: T0 + i,
            kind: 'silence',
            from: null,
            to: null,
            severity: 'warning',
            value: null,
            threshold: null,
            labels: {},
            message: `silence ${i}`,
            actor: 'alice',
          },
        }));
      expect((await store.events({ rule: 'drift' })).map((e) => e.message)).toEqual([
        'silence 3',
        'silence 2',
        'silence 1',
      ]);
      expect((await store.events({ since: T0 + 2, maxResults: 1 })).map((e) => e.message)).toEqual([
        'silence 3',
      ]);
    });
  });
}
