import { beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/tracking/index.js';
import { parseOrderBy, parseSearchFilter, RUN_SEARCH_SCHEMA } from '../../src/core/tracking/index.js';
import type { TrackingStore } from '../../src/ports/tracking-store.js';
import { codeOf } from './expect-code.js';

const T0 = 1_764_255_600_000;

/** What the run-search part of the tracking contract needs from the suite around it. */
export interface RunSearchContext {
  store(): TrackingStore;
  newExperiment(): Promise<string>;
  /** Names of the runs a filter and ordering select, in order. */
  search(experimentId: string, filter: string, orderBy?: string[]): Promise<string[]>;
}

/**
 * Search over runs: filters on metrics, params, tags and attributes, ordering, paging, and
 * injection attempts. Part of {@link runTrackingStoreContract}; kept apart for its size.
 */
export function describeRunSearch({ store, newExperiment, search }: RunSearchContext): void {
  describe('search runs', () => {
    let experimentId: string;
    const runs: Run[] = [];
    beforeAll(async () => {
      experimentId = await newExperiment();
      const specs = [
        { name: 'r1', auc: 0.95, model: 'gbdt', team: 'risk-ops', status: 'FINISHED' },
        { name: 'r2', auc: 0.85, model: 'gbdt', team: 'fraud', status: 'FAILED' },
        { name: 'r3', auc: 0.75, model: 'logreg', team: 'risk', status: 'FINISHED' },
        { name: 'r4', auc: undefined, model: 'logreg', team: 'Risk', status: 'RUNNING' },
      ] as const;
      for (const [i, spec] of specs.entries()) {
        const run = await store().createRun({
          experimentId,
          runName: spec.name,
          startTime: T0 + i * 1000,
          userId: 'ci',
        });
        await store().logBatch(run.info.runId, {
          metrics: spec.auc === undefined ? [] : [{ key: 'auc', value: spec.auc, timestamp: T0, step: 0 }],
          params: [{ key: 'model', value: spec.model }],
          tags: [{ key: 'team', value: spec.team }],
        });
        if (spec.status !== 'RUNNING') await store().updateRun(run.info.runId, { status: spec.status });
        runs.push(run);
      }
    });

    it('orders by start time, newest first, by default', async () => {
      expect(await search(experimentId, '')).toEqual(['r4', 'r3', 'r2', 'r1']);
    });

    it('filters on metrics, params, tags and attributes together', async () => {
      expect(
        await search(
          experimentId,
          "metrics.auc > 0.8 and params.model = 'gbdt' and tags.team LIKE '%risk%' and attributes.status = 'FINISHED'",
        ),
      ).toEqual(['r1']);
      expect(await search(experimentId, 'metrics.auc >= 0.85', ['metrics.auc'])).toEqual(['r2', 'r1']);
      expect(await search(experimentId, "params.model != 'gbdt'")).toEqual(['r4', 'r3']);
      expect(await search(experimentId, "tags.team ILIKE 'risk%'", ['attributes.run_name'])).toEqual([
        'r1',
        'r3',
        'r4',
      ]);
      expect(await search(experimentId, "tags.team LIKE 'risk%'", ['attributes.run_name'])).toEqual([
        'r1',
        'r3',
      ]);
      expect(await search(experimentId, "attributes.status IN ('FAILED', 'RUNNING')")).toEqual(['r4', 'r2']);
      expect(await search(experimentId, "attributes.run_name = 'r3'")).toEqual(['r3']);
      expect(await search(experimentId, `attributes.run_id = '${runs[0]!.info.runId}'`)).toEqual(['r1']);
      expect(await search(experimentId, `attributes.start_time >= ${T0 + 2000}`)).toEqual(['r4', 'r3']);
      expect(await search(experimentId, "params.`model` = 'logreg' and tags.\"team\" = 'Risk'")).toEqual([
        'r4',
      ]);
    });

    it('orders by a metric with runs lacking it last, in either direction', async () => {
      expect(await search(experimentId, '', ['metrics.auc DESC'])).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(await search(experimentId, '', ['metrics.auc ASC'])).toEqual(['r3', 'r2', 'r1', 'r4']);
      expect(await search(experimentId, '', ['params.model DESC', 'metrics.auc'])).toEqual([
        'r3',
        'r4',
        'r2',
        'r1',
      ]);
    });

    it('pages with tokens, each run exactly once', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await store().searchRuns({
          experimentIds: [experimentId],
          maxResults: 3,
          ...(token ? { pageToken: token } : {}),
        });
        seen.push(...page.items.map((r) => r.info.runName));
        token = page.nextPageToken;
      } while (token);
      expect(seen).toEqual(['r4', 'r3', 'r2', 'r1']);
      expect(
        await codeOf(store().searchRuns({ experimentIds: [experimentId], pageToken: 'not-a-token' })),
      ).toBe('USAGE');
      expect(await codeOf(store().searchRuns({ experimentIds: [experimentId], maxResults: 50_001 }))).toBe(
        'USAGE',
      );
    });

    it('binds hostile values as data: they match nothing and change nothing', async () => {
      const hostile = [
        "params.model = 'x'' OR ''1''=''1'",
        "params.model = 'gbdt''; DROP TABLE runs; --'",
        "tags.`team'); DELETE FROM tags; --` = 'x'",
        'metrics."auc"" OR 1=1 --" > 0',
        "attributes.run_name LIKE '%'' OR 1=1 --'",
        "attributes.status IN ('FINISHED'') OR (''1''=''1')",
      ];
      for (const filter of hostile) expect(await search(experimentId, filter), filter).toEqual([]);
      expect(await search(experimentId, '')).toEqual(['r4', 'r3', 'r2', 'r1']);
      expect((await store().getRun(runs[0]!.info.runId)).data.tags).toContainEqual({
        key: 'team',
        value: 'risk-ops',
      });
    });

    it('refuses filters outside the language with USAGE before any SQL runs', async () => {
      const refused = [
        "params.model = 'gbdt'; DROP TABLE runs",
        "params.model = 'gbdt' OR 1=1",
        "params.model = 'gbdt' -- comment",
        'metrics.auc > 0.8 /* x */',
        'metrics.auc > (select 1)',
        "metrics.auc = 'a'",
        'params.model = 1',
        'attributes.password = 1',
        'runs.x = 1 UNION SELECT * FROM runs',
        "sqlite_master.name = 'x'",
        "params.model = 'unterminated",
      ];
      for (const filter of refused)
        expect(await codeOf(() => parseSearchFilter(filter, RUN_SEARCH_SCHEMA)), filter).toBe('USAGE');
      expect(await codeOf(() => parseOrderBy(['metrics.auc DESC; DROP TABLE runs'], RUN_SEARCH_SCHEMA))).toBe(
        'USAGE',
      );
    });
  });
}
