import { Chart } from '../components/chart.js';
import { ColumnDrift } from '../components/column-drift.js';
import { Badge, Card, ErrorBox, Loading, Pairs } from '../components/parts.js';
import { metric, percent, when } from '../format.js';
import { href } from '../router.js';
import type { QualityReportDetail, QualityReportRow } from '../types.js';
import { useApi } from '../use-api.js';

interface LivePoint {
  readonly id: string;
  readonly time: number;
  readonly driftShare: number;
  readonly datasetDrift: boolean;
  readonly rows: number;
}

/** The quality reports, training and live, newest first, and the live drift history. */
export function QualityPage() {
  const reports = useApi<{ reports: QualityReportRow[] }>('/api/v1/quality/reports?max_results=100');
  const live = useApi<{ points: LivePoint[] }>('/api/v1/quality/live');
  return (
    <>
      <h1>Data quality and drift</h1>
      <Card title="Live drift history: share of columns drifting in each window" wide>
        <ErrorBox error={live.error} />
        {live.data && live.data.points.length > 0 ? (
          <Chart
            title="Share of drifting columns in live traffic"
            xLabel="time"
            yLabel="share of columns"
            time
            height={180}
            series={[
              {
                label: 'drift share',
                x: live.data.points.map((p) => p.time / 1000),
                y: live.data.points.map((p) => p.driftShare),
              },
            ]}
          />
        ) : (
          <p class="muted">
            {live.data
              ? 'No live check yet: the monitor flow runs every 15 minutes once cases are scored.'
              : ''}
          </p>
        )}
      </Card>
      <ErrorBox error={reports.error} />
      {!reports.data ? (
        reports.error ? null : (
          <Loading what="reports" />
        )
      ) : (
        <Card title={`${reports.data.reports.length} reports`} wide>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">made</th>
                <th scope="col">kind</th>
                <th scope="col">reference → current</th>
                <th scope="col">rows</th>
                <th scope="col">drifting columns</th>
                <th scope="col">dataset drift</th>
                <th scope="col">warnings</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={href('quality', r.id)}>{when(r.createdAt)}</a>
                  </td>
                  <td>{r.kind}</td>
                  <td>
                    {r.referenceName} → {r.currentName}
                  </td>
                  <td class="num">
                    {metric(r.referenceRows)} → {metric(r.currentRows)}
                  </td>
                  <td class="num">
                    {r.driftedColumns} of {r.testedColumns}
                  </td>
                  <td>
                    <Badge text={r.datasetDrift ? 'drift' : 'ok'} />
                  </td>
                  <td class="num">{r.warnings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

/** One report: dataset figures, findings, and every column's distribution, drifting columns first. */
export function QualityReportPage(props: { id: string }) {
  const report = useApi<QualityReportDetail>(`/api/v1/quality/reports/${encodeURIComponent(props.id)}`);
  if (!report.data) return report.error ? <ErrorBox error={report.error} /> : <Loading what="the report" />;
  const r = report.data;
  const columns = [...r.report.columns].sort(
    (a, b) =>
      Number(b.drift?.drifted ?? false) - Number(a.drift?.drifted ?? false) ||
      (b.drift?.score ?? -1) - (a.drift?.score ?? -1),
  );
  const dataset = r.report.dataset;
  return (
    <>
      <h1>
        Quality: {r.referenceName} against {r.currentName} <Badge text={r.datasetDrift ? 'drift' : 'ok'} />
      </h1>
      <p class="muted">
        {r.kind} report made {when(r.createdAt)}
        {r.runId ? (
          <>
            {' '}
            for run <a href={href('runs', r.runId)}>{r.runId}</a>
          </>
        ) : null}
        {r.modelVersion ? ` · model ${r.modelName} v${r.modelVersion}` : ''}
      </p>
      <div class="grid">
        <Card title="Dataset">
          <Pairs
            entries={[
              ['rows', `${metric(dataset.reference.rows)} → ${metric(dataset.current.rows)}`],
              [
                'missing values',
                `${percent(dataset.reference.missingShare)} → ${percent(dataset.current.missingShare)}`,
              ],
              [
                'duplicated rows',
                `${metric(dataset.reference.duplicatedRows)} → ${metric(dataset.current.duplicatedRows)}`,
              ],
              ['drifting columns', `${r.driftedColumns} of ${r.testedColumns} (${percent(r.driftShare)})`],
              ['score drift', r.scoreDrift ? 'yes' : 'no'],
            ]}
          />
        </Card>
        <Card title={`Findings (${r.report.findings.length})`}>
          {r.report.findings.length === 0 ? (
            <p class="good-text">Nothing to report.</p>
          ) : (
            <ul class="plain">
              {r.report.findings.map((f) => (
                <li key={`${f.code}-${f.path}`}>
                  <Badge text={f.severity} /> {f.message}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title="Columns, drifting first" wide>
        <div class="columns-grid">
          {columns.map((column) => (
            <ColumnDrift
              key={column.name}
              column={column}
              referenceName={r.referenceName}
              currentName={r.currentName}
            />
          ))}
        </div>
      </Card>
    </>
  );
}
