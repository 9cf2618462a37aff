import { type Kysely, type Selectable, sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { QualityReport } from '../../core/quality/quality-report.js';
import type { Page } from '../../ports/page.js';
import type {
  MetricsSummaryRow,
  NewQualityReport,
  QualityReportKind,
  QualityReportQuery,
  QualityReportStore,
  QualityReportSummary,
} from '../../ports/quality-report-store.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';
import type { Database } from './database.js';
import { metricsSummaryColumn } from './metrics-summary-column.js';
import type { QualityTables } from './quality-tables.js';
import type { SqlDatabase } from './sql-database.js';

type Db = Kysely<Database & QualityTables>;
type ReportRow = Selectable<QualityTables['quality_reports']>;

const DEFAULT_PAGE = 100;
const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'created_at',
  'model_name',
  'model_version',
  'run_id',
  'reference_name',
  'current_name',
  'reference_rows',
  'current_rows',
  'window_start',
  'window_end',
  'tested_columns',
  'drifted_columns',
  'drift_share',
  'dataset_drift',
  'score_drift',
  'warnings',
  'html_uri',
] as const;

/**
 * Quality reports on SQLite or PostgreSQL, sharing the stores' database: a `quality_reports` row
 * per report (the report as JSON beside its headline figures), a `quality_columns` row per column,
 * and the original's `metrics_summary` table.
 *
 * @example
 * const store = await SqlQualityReportStore.open(database);
 * const saved = await store.saveReport({ kind: 'files', createdAt: Date.now(), report });
 */
export class SqlQualityReportStore implements QualityReportStore {
  readonly #database: SqlDatabase;
  readonly #db: Db;
  readonly #newId: () => string;

  private constructor(database: SqlDatabase, newId: () => string) {
    this.#database = database;
    this.#db = database.db.withTables<QualityTables>();
    this.#newId = newId;
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(
    database: SqlDatabase,
    newId: () => string = timeOrderedId,
  ): Promise<SqlQualityReportStore> {
    database.retain();
    return new SqlQualityReportStore(database, newId);
  }

  async saveReport(input: NewQualityReport): Promise<QualityReportSummary> {
    const { report } = input;
    const row = {
      id: this.#newId(),
      kind: input.kind,
      created_at: input.createdAt,
      model_name: input.modelName ?? null,
      model_version: input.modelVersion ?? null,
      run_id: input.runId ?? null,
      reference_name: report.reference.name,
      current_name: report.current.name,
      reference_rows: report.reference.rows,
      current_rows: report.current.rows,
      window_start: input.windowStart ?? null,
      window_end: input.windowEnd ?? null,
      tested_columns: report.drift.columns,
      drifted_columns: report.drift.drifted,
      drift_share: report.drift.share,
      dataset_drift: report.drift.datasetDrift ? 1 : 0,
      score_drift: report.drift.score === null ? null : report.drift.score.drifted ? 1 : 0,
      warnings: report.findings.filter((f) => f.severity === 'warning').length,
      html_uri: input.htmlUri ?? null,
      report: JSON.stringify(report),
    };
    await this.#database.flavor.writeTransaction(this.#database.db, async (trx) => {
      const db = trx.withTables<QualityTables>();
      await db.insertInto('quality_reports').values(row).execute();
      const columns = report.columns.map((c) => ({
        report_id: row.id,
        column_name: c.name,
        kind: c.kind,
        role: c.role,
        stattest: c.drift?.stattest ?? null,
        drift_score: finiteOrNull(c.drift?.score),
        threshold: c.drift?.threshold ?? null,
        drifted: c.drift ? (c.drift.drifted ? 1 : 0) : null,
        psi: finiteOrNull(c.drift?.psi),
        reference_missing: c.reference?.missing ?? null,
        current_missing: c.current?.missing ?? null,
        reference_unique: c.reference?.unique ?? null,
        current_unique: c.current?.unique ?? null,
      }));
      // 13 parameters a row: 500 rows stay below SQLite's and PostgreSQL's parameter limits.
      for (let from = 0; from < columns.length; from += 500)
        await db
          .insertInto('quality_columns')
          .values(columns.slice(from, from + 500))
          .execute();
    });
    return toSummary({ ...row });
  }

  async setHtmlUri(id: string, uri: string): Promise<void> {
    const result = await this.#db
      .updateTable('quality_reports')
      .set({ html_uri: uri })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound(id);
  }

  async getReport(id: string): Promise<QualityReportSummary & { readonly report: QualityReport }> {
    const row = await this.#db
      .selectFrom('quality_reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(id);
    return { ...toSummary(row), report: JSON.parse(row.report) as QualityReport };
  }

  async listReports(query: QualityReportQuery = {}): Promise<Page<QualityReportSummary>> {
    const limit = query.maxResults ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new AmlopsError('USAGE', `maxResults must be an integer from 1 to 10000; got ${limit}`);
    let q = this.#db.selectFrom('quality_reports').select(SUMMARY_COLUMNS);
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    if (query.modelName !== undefined) q = q.where('model_name', '=', query.modelName);
    if (query.modelVersion !== undefined) q = q.where('model_version', '=', query.modelVersion);
    if (query.runId !== undefined) q = q.where('run_id', '=', query.runId);
    if (query.since !== undefined) q = q.where('created_at', '>=', query.since);
    if (query.until !== undefined) q = q.where('created_at', '<', query.until);
    if (query.pageToken !== undefined) {
      const { createdAt, id } = decodeToken(query.pageToken);
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map((r) => toSummary(r));
    if (rows.length <= limit) return { items };
    const last = items[items.length - 1]!;
    return { items, nextPageToken: encodeToken(last.createdAt, last.id) };
  }

  async appendMetricsSummary(row: MetricsSummaryRow): Promise<void> {
    const values: Record<string, unknown> = {
      run_id: row.runId,
      version: row.version,
      timestamp: this.#database.flavor.timestamp(row.time),
    };
    for (const [side, figures] of [
      ['current', row.current],
      ['reference', row.reference],
    ] as const) {
      values[`${side}_number_rows`] = figures.rows;
      values[`${side}_number_missing_values`] = figures.missingValues;
      values[`${side}_number_duplicated_rows`] = figures.duplicatedRows;
      values[`${side}_roc_auc`] = figures.rocAuc;
      for (const [column, counts] of Object.entries(figures.columns)) {
        values[metricsSummaryColumn(side, 'nan', column)] = counts.nan;
        values[metricsSummaryColumn(side, 'unique', column)] = counts.unique;
      }
    }
    await this.#database.flavor.writeTransaction(this.#database.db, async (trx) => {
      const tables = await trx.introspection.getTables();
      const existing = new Set(
        tables.find((t) => t.name === 'metrics_summary')?.columns.map((c) => c.name) ?? [],
      );
      for (const name of Object.keys(values))
        if (!existing.has(name))
          await trx.schema.alterTable('metrics_summary').addColumn(name, 'bigint').execute();
      await sql`insert into metrics_summary (${sql.join(Object.keys(values).map((k) => sql.ref(k)))})
        values (${sql.join(Object.values(values))})`.execute(trx);
    });
  }

  async listMetricsSummary(
    query: { readonly runId?: string } = {},
  ): Promise<readonly Record<string, unknown>[]> {
    let q = this.#db.selectFrom('metrics_summary').selectAll();
    if (query.runId !== undefined) q = q.where('run_id', '=', query.runId);
    const rows = (await q.orderBy('id', 'asc').execute()) as Record<string, unknown>[];
    return rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          v instanceof Date
            ? v.toISOString()
            : typeof v === 'string' && /^\d+$/.test(v) && k !== 'run_id' && k !== 'version'
              ? Number(v)
              : v,
        ]),
      ),
    );
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function toSummary(row: Pick<ReportRow, (typeof SUMMARY_COLUMNS)[number]>): QualityReportSummary {
  const nullable = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    kind: row.kind as QualityReportKind,
    createdAt: Number(row.created_at),
    modelName: row.model_name,
    modelVersion: row.model_version,
    runId: row.run_id,
    referenceName: row.reference_name,
    currentName: row.current_name,
    referenceRows: Number(row.reference_rows),
    currentRows: Number(row.current_rows),
    windowStart: nullable(row.window_start),
    windowEnd: nullable(row.window_end),
    testedColumns: Number(row.tested_columns),
    driftedColumns: Number(row.drifted_columns),
    driftShare: Number(row.drift_share),
    datasetDrift: Number(row.dataset_drift) === 1,
    scoreDrift: row.score_drift === null ? null : Number(row.score_drift) === 1,
    warnings: Number(row.warnings),
    htmlUri: row.html_uri,
  };
}

function notFound(id: string): AmlopsError {
  return new AmlopsError('QUALITY_REPORT_NOT_FOUND', `no quality report has id ${id}`, { id });
}

function encodeToken(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify({ createdAt, id })).toString('base64url');
}

function decodeToken(token: string): { createdAt: number; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      createdAt?: unknown;
      id?: unknown;
    };
    if (typeof parsed.createdAt === 'number' && typeof parsed.id === 'string')
      return { createdAt: parsed.createdAt, id: parsed.id };
  } catch {
    // fall through to the error below
  }
  throw new AmlopsError('USAGE', 'the page token is not one this store gave');
}
