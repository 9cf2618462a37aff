import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQualityReport } from '../../src/core/quality/build-quality-report.js';
import type { QualityReport } from '../../src/core/quality/quality-report.js';
import type { QualityTable } from '../../src/core/quality/quality-table.js';
import type { QualityReportStore } from '../../src/ports/quality-report-store.js';
import { codeOf } from './expect-code.js';

const T0 = 1_764_255_600_000;

function table(name: string, shift: number, rows = 400): QualityTable {
  const income = Float64Array.from({ length: rows }, (_, i) => (i % 97) * 10 + shift);
  const codes = Int32Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? -1 : i % 3));
  const levels = ['LOW', 'MEDIUM', 'HIGH'];
  return {
    name,
    rowCount: rows,
    columns: [
      { kind: 'numeric', name: 'total_income_dollar_amount', role: 'feature', values: income },
      {
        kind: 'categorical',
        name: 'risk-pld',
        role: 'feature',
        codes,
        distinct: 3,
        label: (c) => levels[c]!,
      },
    ],
  };
}

/**
 * The behaviour every QualityReportStore must have, run against each adapter on a real database.
 * `makeAdapter()` returns a store over an empty, migrated database.
 */
export function runQualityReportStoreContract(
  name: string,
  makeAdapter: () => Promise<{ store: QualityReportStore; close(): Promise<void> }>,
): void {
  describe(`QualityReportStore contract: ${name}`, () => {
    let store: QualityReportStore;
    let close: () => Promise<void>;
    let report: QualityReport;

    beforeAll(async () => {
      ({ store, close } = await makeAdapter());
      report = buildQualityReport(table('train split', 0), table('test split', 500));
    });
    afterAll(async () => {
      await close?.();
    });

    it('stores a report whole and gives it back with its headline figures', async () => {
      const saved = await store.saveReport({
        kind: 'training',
        createdAt: T0,
        modelName: 'm',
        runId: 'run-1',
        report,
      });
      expect(saved).toMatchObject({
        kind: 'training',
        createdAt: T0,
        modelName: 'm',
        modelVersion: null,
        runId: 'run-1',
        referenceName: 'train split',
        currentName: 'test split',
        referenceRows: 400,
        currentRows: 400,
        testedColumns: report.drift.columns,
        driftedColumns: report.drift.drifted,
        datasetDrift: report.drift.datasetDrift,
        scoreDrift: null,
        htmlUri: null,
      });
      const back = await store.getReport(saved.id);
      expect(back.report).toEqual(report);
      expect(back.id).toBe(saved.id);
    });

    it('lists reports newest first, filtered and paged', async () => {
      for (let i = 1; i <= 5; i++)
        await store.saveReport({
          kind: 'live',
          createdAt: T0 + i * 1000,
          modelName: 'm',
          modelVersion: String(i % 2),
          windowStart: T0,
          windowEnd: T0 + i * 1000,
          report,
        });
      const live = await store.listReports({ kind: 'live' });
      expect(live.items.map((r) => r.createdAt)).toEqual([5, 4, 3, 2, 1].map((i) => T0 + i * 1000));
      expect(live.items[0]).toMatchObject({ windowStart: T0, windowEnd: T0 + 5000 });
      const version1 = await store.listReports({ kind: 'live', modelVersion: '1' });
      expect(version1.items.map((r) => r.createdAt)).toEqual([T0 + 5000, T0 + 3000, T0 + 1000]);
      const first = await store.listReports({ kind: 'live', maxResults: 2 });
      expect(first.items).toHaveLength(2);
      const second = await store.listReports({
        kind: 'live',
        maxResults: 2,
        pageToken: first.nextPageToken!,
      });
      const third = await store.listReports({
        kind: 'live',
        maxResults: 2,
        pageToken: second.nextPageToken!,
      });
      expect([...first.items, ...second.items, ...third.items].map((r) => r.createdAt)).toEqual(
        live.items.map((r) => r.createdAt),
      );
      expect(third.nextPageToken).toBeUndefined();
      const since = await store.listReports({ since: T0 + 4000 });
      expect(since.items.map((r) => r.createdAt)).toEqual([T0 + 5000, T0 + 4000]);
    });

    it('lists reports made in the same millisecond newest first too', async () => {
      const at = T0 + 86_400_000;
      const ids: string[] = [];
      for (let i = 0; i < 8; i++)
        ids.push((await store.saveReport({ kind: 'files', createdAt: at, report })).id);
      expect((await store.listReports({ since: at })).items.map((r) => r.id)).toEqual([...ids].reverse());
    });

    it('records where the HTML is, and refuses unknown ids with QUALITY_REPORT_NOT_FOUND', async () => {
      const saved = await store.saveReport({ kind: 'files', createdAt: T0, report });
      await store.setHtmlUri(saved.id, 'file:///tmp/r.html');
      expect((await store.getReport(saved.id)).htmlUri).toBe('file:///tmp/r.html');
      expect(await codeOf(store.getReport('no-such-report'))).toBe('QUALITY_REPORT_NOT_FOUND');
      expect(await codeOf(store.setHtmlUri('no-such-report', 'x'))).toBe('QUALITY_REPORT_NOT_FOUND');
      expect(await codeOf(store.listReports({ pageToken: 'garbage' }))).toBe('USAGE');
    });

    it("appends metrics_summary rows with the original's columns, adding a column per new data column", async () => {
      const side = (rows: number, auc: number | null) => ({
        rows,
        missingValues: 7,
        duplicatedRows: 2,
        rocAuc: auc,
        columns: { total_income_dollar_amount: { nan: 3, unique: 90 }, 'risk-pld': { nan: 4, unique: 3 } },
      });
      await store.appendMetricsSummary({
        runId: 'run-1',
        version: '1',
        time: T0,
        current: side(300, 0.91),
        reference: side(700, 0.95),
      });
      await store.appendMetricsSummary({
        runId: 'run-2',
        version: '2',
        time: T0 + 1000,
        current: { ...side(300, null), columns: { channel: { nan: 0, unique: 2 } } },
        reference: side(700, 0.5),
      });
      const rows = await store.listMetricsSummary();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        run_id: 'run-1',
        version: '1',
        timestamp: new Date(T0).toISOString(),
        current_number_rows: 300,
        current_number_missing_values: 7,
        current_number_duplicated_rows: 2,
        current_roc_auc: 0.91,
        reference_number_rows: 700,
        reference_roc_auc: 0.95,
        current_nan_total_income_dollar_amount: 3,
        current_unique_total_income_dollar_amount: 90,
        current_nan_risk_pld: 4,
        reference_unique_risk_pld: 3,
        current_nan_channel: null,
      });
      expect(rows[1]).toMatchObject({ run_id: 'run-2', current_roc_auc: null, current_nan_channel: 0 });
      expect(await store.listMetricsSummary({ runId: 'run-2' })).toHaveLength(1);
    });
  });
}
