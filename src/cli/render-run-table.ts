import type { RunSummary } from '../services/run-summary.js';
import { formatCell } from './format-cell.js';
import { renderTable } from './render-table.js';

/** Most metric columns a run table shows (all are in `--json`). */
const METRIC_COLUMNS = 5;

/**
 * Runs as a table: id, name, status, start, duration and the first metrics (by name) they have.
 *
 * @example
 * context.io.stdout(renderRunTable(runs));
 */
export function renderRunTable(runs: readonly RunSummary[]): string {
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort().slice(0, METRIC_COLUMNS);
  return renderTable(
    ['RUN ID', 'NAME', 'STATUS', 'STARTED', 'SECONDS', ...metrics],
    runs.map((r) => [
      r.runId,
      formatCell.text(r.runName),
      r.lifecycleStage === 'deleted' ? `${r.status} (deleted)` : r.status,
      formatCell.time(r.startTime),
      r.endTime === null ? '-' : formatCell.number((r.endTime - r.startTime) / 1000),
      ...metrics.map((key) => formatCell.number(r.metrics[key])),
    ]),
  );
}
