import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceInterval } from '../../src/core/monitoring/service-interval.js';
import type { ServiceStatsStore } from '../../src/ports/service-stats-store.js';

const T0 = 1_764_255_600_000;

function interval(source: string, end: number, requests: number): ServiceInterval {
  return {
    source,
    start: end - 15_000,
    end,
    requests,
    serverErrors: 1,
    clientErrors: 2,
    cases: requests * 10,
    latencySum: requests * 0.002,
    latencyCounts: [0, requests - 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  };
}

/** The behaviour every ServiceStatsStore must have, run against each adapter on a real database. */
export function runServiceStatsStoreContract(
  name: string,
  makeAdapter: () => Promise<{ store: ServiceStatsStore; close(): Promise<void> }>,
): void {
  describe(`ServiceStatsStore contract: ${name}`, () => {
    let store: ServiceStatsStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await makeAdapter());
    });
    afterAll(async () => {
      await close?.();
    });

    it('keeps every process’s intervals and gives back those that ended in a window, oldest first', async () => {
      await store.append(interval('host-a:1', T0 + 15_000, 100));
      await store.append(interval('host-b:2', T0 + 16_000, 50));
      await store.append(interval('host-a:1', T0 + 30_000, 10));
      const all = await store.intervals({ since: T0, until: T0 + 60_000 });
      expect(all).toEqual([
        interval('host-a:1', T0 + 15_000, 100),
        interval('host-b:2', T0 + 16_000, 50),
        interval('host-a:1', T0 + 30_000, 10),
      ]);
      expect(
        (await store.intervals({ since: T0 + 16_000, until: T0 + 30_000 })).map((i) => i.requests),
      ).toEqual([50]);
    });

    it('deletes intervals that ended before a time', async () => {
      expect(await store.deleteOlderThan(T0 + 20_000)).toBe(2);
      expect((await store.intervals({ since: 0, until: T0 + 60_000 })).map((i) => i.requests)).toEqual([10]);
    });
  });
}
