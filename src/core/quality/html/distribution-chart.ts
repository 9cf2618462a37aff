import type { ColumnDistribution } from '../quality-report.js';
import { escapeHtml } from './escape-html.js';
import { formatFigure, formatShare } from './format-figure.js';

export const REFERENCE_COLOR = '#5b7fb3';
export const CURRENT_COLOR = '#e08a2e';

const WIDTH = 640;
const TOP = 12;
const PLOT_HEIGHT = 170;
const LEFT = 44;
const RIGHT = 8;

function scaleTicks(max: number): number[] {
  const step = max <= 0.1 ? 0.02 : max <= 0.25 ? 0.05 : max <= 0.5 ? 0.1 : 0.25;
  const ticks: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/**
 * A distribution as an inline SVG chart, reference against current: side-by-side bars of each
 * side's share per bin (numbers, labelled by the bins' edges) or per category, a share axis and a
 * title for screen readers. Self-contained: no script, no external reference.
 *
 * @example
 * distributionChart('risk_pld', { kind: 'bars', labels: ['LOW', 'HIGH'], reference: [0.8, 0.2], current: [0.6, 0.4] });
 */
export function distributionChart(column: string, distribution: ColumnDistribution): string {
  const labels =
    distribution.kind === 'bars'
      ? distribution.labels
      : distribution.reference.map(
          (_, i) =>
            `${formatFigure(distribution.edges[i]!, { compact: true })}–${formatFigure(distribution.edges[i + 1]!, { compact: true })}`,
        );
  const bins = labels.length;
  const max = Math.max(0.01, ...distribution.reference, ...distribution.current);
  const ticks = scaleTicks(max);
  const top = ticks[ticks.length - 1]!;
  const rotate = bins > 8 || labels.some((l) => l.length > 8);
  const bottom = rotate ? 86 : 28;
  const height = TOP + PLOT_HEIGHT + bottom;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, bins);
  const bar = Math.max(1, Math.min(28, slot * 0.38));
  const y = (share: number) => TOP + PLOT_HEIGHT - (share / top) * PLOT_HEIGHT;
  const title =
    distribution.kind === 'bars'
      ? `Share of each value of ${column}, reference against current`
      : `Share of ${column} in each bin cut at the reference's quantiles, reference against current`;
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
  ];
  for (const tick of ticks)
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${(y(tick) + 4).toFixed(1)}" class="tick" text-anchor="end">${Math.round(tick * 100)}%</text>`,
    );
  labels.forEach((label, i) => {
    const center = LEFT + slot * (i + 0.5);
    const r = distribution.reference[i]!;
    const c = distribution.current[i]!;
    parts.push(
      `<rect x="${(center - bar - 1).toFixed(1)}" y="${y(r).toFixed(1)}" width="${bar.toFixed(1)}" height="${(TOP + PLOT_HEIGHT - y(r)).toFixed(1)}" fill="${REFERENCE_COLOR}"><title>${escapeHtml(`${label}: reference ${formatShare(r)}`)}</title></rect>`,
      `<rect x="${(center + 1).toFixed(1)}" y="${y(c).toFixed(1)}" width="${bar.toFixed(1)}" height="${(TOP + PLOT_HEIGHT - y(c)).toFixed(1)}" fill="${CURRENT_COLOR}"><title>${escapeHtml(`${label}: current ${formatShare(c)}`)}</title></rect>`,
    );
    const shown = label.length > 16 ? `${label.slice(0, 15)}…` : label;
    const ly = TOP + PLOT_HEIGHT + 14;
    parts.push(
      rotate
        ? `<text transform="translate(${center.toFixed(1)} ${ly}) rotate(-45)" class="label" text-anchor="end">${escapeHtml(shown)}</text>`
        : `<text x="${center.toFixed(1)}" y="${ly}" class="label" text-anchor="middle">${escapeHtml(shown)}</text>`,
    );
  });
  parts.push(
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + PLOT_HEIGHT}" y2="${TOP + PLOT_HEIGHT}" class="axis"/>`,
    '</svg>',
  );
  return parts.join('');
}
