import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/core/synthetic/index.js';
import { usePostgres } from '../pipelines/test-postgres.js';
import { type MonitoringHome, monitoringHome } from './monitoring-kit.js';

const dashboard = JSON.parse(
  readFileSync(new URL('../../deploy/grafana/dashboards/amlops.json', import.meta.url), 'utf8'),
) as {
  uid: string;
  panels: { id: number; title: string; type: string; targets: { rawSql: string; format: string }[] }[];
};

/**
 * The SQL Grafana's PostgreSQL data source runs for a panel's query: its macros expanded as Grafana
 * does for a time range covering everything. An unknown macro fails the test.
 */
function expandMacros(rawSql: string): string {
  const expanded = rawSql
    .replace(/\$__timeFilter\(([^)]+)\)/g, "$1 BETWEEN '1970-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'")
    .replace(/\$__unixEpochFilter\(([^)]+)\)/g, '$1 >= 0 AND $1 <= 4102444800')
    .replace(/\$__unixEpochGroupAlias\(([^,]+),\s*1m\)/g, 'to_timestamp(floor(($1) / 60) * 60) AS "time"');
  const unknown = /\$__\w+/.exec(expanded);
  if (unknown) throw new Error(`the dashboard uses a macro this test does not expand: ${unknown[0]}`);
  return expanded;
}

const freshPostgres = usePostgres();
let h: MonitoringHome | undefined;
afterAll(async () => {
  await h?.close();
});

describe('the Grafana dashboard in deploy/grafana', () => {
  it("runs every panel's SQL against a real amlops store on PostgreSQL, the original's panel showing each training's ROC AUC", async () => {
    const url = await freshPostgres();
    h = await monitoringHome({ DATABASE_URL: url, AMLOPS_ALERTS_MIN_TEST_ROC_AUC: '0.5' });
    const trained = await h.run('train', {
      data: await h.write('cases.csv', generateCases({ rows: 3000, seed: 51 }).frame),
      preset: 'original',
    });
    expect(trained.state).toBe('Completed');
    expect((await h.run('monitor')).state).toBe('Completed');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `insert into service_stats (source, interval_start, interval_end, requests, server_errors, client_errors, cases, latency_sum, latency_counts)
         values ('host:1', $1, $2, 100, 1, 2, 100, 0.2, '[0,99,0,0,0,0,0,0,0,0,0,0,1]')`,
        [Date.now() - 15_000, Date.now()],
      );
      const results: Record<string, Record<string, unknown>[]> = {};
      for (const panel of dashboard.panels)
        for (const target of panel.targets) {
          const { rows } = await client.query(expandMacros(target.rawSql));
          results[panel.title] = rows;
        }
      expect(Object.keys(results)).toHaveLength(dashboard.panels.length);
      const metrics = (trained.outputs.evaluate as { metrics: Record<string, number> }).metrics;
      const auc = results['Test ROC AUC by training (alert below 0.89)']!;
      expect(auc).toHaveLength(1);
      expect(auc[0]!['test ROC AUC']).toBeCloseTo(metrics.test_roc_auc!, 12);
      expect(auc[0]!.time).toBeInstanceOf(Date);
      expect(results['Latest training']![0]).toMatchObject({ version: '1' });
      expect(results['Alerts']!.map((r) => r.rule)).toContain('test-roc-auc-low');
      expect(results['Scoring requests and errors per minute']![0]).toMatchObject({
        requests: '100',
        '5xx': '1',
      });
      expect(results['Training data quality per column (latest training)']!.map((r) => r.column)).toEqual(
        expect.arrayContaining(['total_income_dollar_amount', 'risk_pld']),
      );
    } finally {
      await client.end();
    }
  });

  it('is provisioned from deploy/grafana/provisioning with the data source its panels name', () => {
    const datasources = readFileSync(
      new URL('../../deploy/grafana/provisioning/datasources/amlops-postgres.yaml', import.meta.url),
      'utf8',
    );
    expect(datasources).toMatch(/uid: amlops-postgres/);
    expect(datasources).toMatch(/type: grafana-postgresql-datasource/);
    for (const panel of dashboard.panels)
      for (const target of panel.targets)
        expect((target as unknown as { datasource: { uid: string } }).datasource.uid).toBe('amlops-postgres');
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });
});
