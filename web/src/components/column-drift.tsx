import { metric, percent } from '../format.js';
import type { QualityColumn } from '../types.js';
import { Chart } from './chart.js';
import { Badge } from './parts.js';

/** A column's distribution, reference against current (shares of each), with its drift test. */
export function ColumnDrift(props: { column: QualityColumn; referenceName: string; currentName: string }) {
  const { column } = props;
  const d = column.distribution;
  const labels =
    d?.kind === 'bars'
      ? d.labels.slice(0, 30)
      : d?.kind === 'histogram'
        ? d.edges.slice(0, -1).map((edge, i) => `${metric(edge)}–${metric(d.edges[i + 1])}`)
        : [];
  const x = labels.map((_, i) => i);
  return (
    <article class={column.drift?.drifted ? 'column drifted' : 'column'} aria-label={`column ${column.name}`}>
      <h3>
        {column.name}{' '}
        <span class="muted">
          ({column.kind}, {column.role})
        </span>{' '}
        {column.drift ? <Badge text={column.drift.drifted ? 'drift' : 'ok'} /> : null}
      </h3>
      <p class="muted">
        {column.drift
          ? `${column.drift.stattestLabel} ${metric(column.drift.score)} (threshold ${metric(column.drift.threshold)})${column.drift.psi === null ? '' : `, PSI ${metric(column.drift.psi)}`}`
          : 'not tested for drift'}
        {column.current
          ? ` · missing ${percent(column.current.missingShare)} · ${metric(column.current.unique)} unique`
          : ''}
      </p>
      {d ? (
        <Chart
          title={`${column.name}: ${props.referenceName} against ${props.currentName}`}
          xLabel={d.kind === 'bars' ? 'category' : 'bin'}
          yLabel="share of rows"
          bars
          xLabels={labels}
          height={180}
          series={[
            { label: props.referenceName, x, y: d.reference.slice(0, labels.length) },
            { label: props.currentName, x, y: d.current.slice(0, labels.length) },
          ]}
        />
      ) : null}
    </article>
  );
}
