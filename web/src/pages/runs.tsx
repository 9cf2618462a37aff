import { useState } from 'preact/hooks';
import { Badge, Card, ErrorBox, Loading } from '../components/parts.js';
import { duration, metric, when } from '../format.js';
import { href, navigate, type Place } from '../router.js';
import type { RunSummary } from '../types.js';
import { useApi } from '../use-api.js';

/** Columns shown until the user picks others. */
const DEFAULT_COLUMNS = [
  'metrics.test_roc_auc',
  'metrics.test_pr_auc',
  'metrics.cv_roc_auc',
  'params.preset',
  'params.max_depth',
];

function cell(run: RunSummary, column: string): string {
  const [kind, key = ''] = column.split(/\.(.*)/s);
  if (kind === 'metrics') return metric(run.metrics[key]);
  if (kind === 'params') return run.params[key] ?? '–';
  return run.tags[key] ?? '–';
}

/**
 * Every run, newest first: filtered with MLflow's syntax (`metrics.test_roc_auc > 0.9 and
 * params.max_depth = '4'`), sorted by a column, with the metrics and params the user picks; 2 to
 * 5 runs ticked are compared side by side.
 */
export function RunsPage(props: { place: Place }) {
  const query = props.place.query;
  const filter = query.get('filter') ?? '';
  const order = query.get('order') ?? '';
  const columns = (query.get('columns') ?? DEFAULT_COLUMNS.join(',')).split(',').filter((c) => c !== '');
  const [draft, setDraft] = useState(filter);
  const [picked, setPicked] = useState<string[]>([]);
  const path = `/api/v1/runs?max_results=200${filter ? `&filter=${encodeURIComponent(filter)}` : ''}${order ? `&order_by=${encodeURIComponent(order)}` : ''}`;
  const runs = useApi<{ runs: RunSummary[] }>(path);
  const keys = new Set<string>();
  for (const run of runs.data?.runs ?? []) {
    for (const k of Object.keys(run.metrics)) keys.add(`metrics.${k}`);
    for (const k of Object.keys(run.params)) keys.add(`params.${k}`);
  }
  const go = (changes: Record<string, string>) =>
    navigate(['runs'], { filter, order, columns: columns.join(','), ...changes });
  const sortBy = (column: string) => {
    const descending = order === `${column} DESC`;
    go({ order: descending ? `${column} ASC` : `${column} DESC` });
  };
  const arrow = (column: string) =>
    order === `${column} DESC` ? ' ▼' : order === `${column} ASC` ? ' ▲' : '';
  return (
    <>
      <h1>Experiments and runs</h1>
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          go({ filter: draft });
        }}
      >
        <label for="run-filter">Filter</label>
        <input
          id="run-filter"
          class="grow"
          value={draft}
          placeholder="metrics.test_roc_auc > 0.9 and params.max_depth = '4'"
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit">Search</button>
        <button
          type="button"
          disabled={picked.length < 2 || picked.length > 5}
          onClick={() => navigate(['compare', picked.join(',')])}
        >
          Compare {picked.length > 0 ? `(${picked.length})` : ''}
        </button>
      </form>
      <details class="columns-picker">
        <summary>Columns ({columns.length})</summary>
        <div class="column-choices">
          {[...keys].sort().map((key) => (
            <label key={key}>
              <input
                type="checkbox"
                checked={columns.includes(key)}
                onChange={(event) =>
                  go({
                    columns: (event.currentTarget.checked
                      ? [...columns, key]
                      : columns.filter((c) => c !== key)
                    ).join(','),
                  })
                }
              />{' '}
              {key}
            </label>
          ))}
        </div>
      </details>
      <ErrorBox error={runs.error} />
      {!runs.data ? (
        runs.error ? null : (
          <Loading what="runs" />
        )
      ) : (
        <Card
          title={`${runs.data.runs.length} run${runs.data.runs.length === 1 ? '' : 's'}${filter ? ' matching the filter' : ''}`}
          wide
        >
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="sr-only">compare</span>
                  </th>
                  <th scope="col">run</th>
                  <th scope="col">
                    <button type="button" class="sort" onClick={() => sortBy('attributes.start_time')}>
                      started{arrow('attributes.start_time')}
                    </button>
                  </th>
                  <th scope="col">status</th>
                  <th scope="col">took</th>
                  {columns.map((column) => (
                    <th scope="col" key={column}>
                      <button type="button" class="sort" onClick={() => sortBy(column)}>
                        {column.replace(/^(metrics|params|tags)\./, '')}
                        {arrow(column)}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {runs.data.runs.map((run) => (
                  <tr key={run.runId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`compare ${run.runName}`}
                        checked={picked.includes(run.runId)}
                        onChange={(event) =>
                          setPicked(
                            event.currentTarget.checked
                              ? [...picked, run.runId]
                              : picked.filter((id) => id !== run.runId),
                          )
                        }
                      />
                    </td>
                    <td>
                      <a href={href('runs', run.runId)}>{run.runName || run.runId}</a>
                    </td>
                    <td>{when(run.startTime)}</td>
                    <td>
                      <Badge text={run.status} />
                    </td>
                    <td>{run.endTime ? duration(run.endTime - run.startTime) : '–'}</td>
                    {columns.map((column) => (
                      <td key={column} class="num">
                        {cell(run, column)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
