import type { Finding } from '../../findings/index.js';
import type { ColumnReport, ColumnStats, DatasetStats, QualityReport } from '../quality-report.js';
import { CURRENT_COLOR, distributionChart, REFERENCE_COLOR } from './distribution-chart.js';
import { escapeHtml } from './escape-html.js';
import { formatFigure, formatShare } from './format-figure.js';
import { QUALITY_PAGE_STYLE } from './quality-page-style.js';

/** What a rendered page says about itself. */
export interface QualityPageMeta {
  readonly title: string;
  readonly subtitle?: string;
  /** ISO time the report was made. */
  readonly generatedAt: string;
}

const e = escapeHtml;

function anchor(name: string, index: number): string {
  return `col-${index}-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)}`;
}

function badge(column: ColumnReport): string {
  if (!column.drift) return '<span class="badge none">not tested</span>';
  return column.drift.drifted
    ? '<span class="badge drift">drift</span>'
    : '<span class="badge ok">no drift</span>';
}

function card(value: string, what: string, tone = ''): string {
  return `<div class="card"><div class="value ${tone}">${value}</div><div class="what">${e(what)}</div></div>`;
}

function datasetTable(reference: DatasetStats, current: DatasetStats): string {
  const list = (names: readonly string[]) => (names.length ? names.join(', ') : '—');
  const groups = (g: readonly (readonly string[])[]) =>
    g.length ? g.map((x) => x.join(' = ')).join('; ') : '—';
  const rows: [string, string, string][] = [
    ['rows', formatFigure(reference.rows), formatFigure(current.rows)],
    [
      'columns (numeric / categorical / text)',
      `${reference.columns} (${reference.numericColumns} / ${reference.categoricalColumns} / ${reference.textColumns})`,
      `${current.columns} (${current.numericColumns} / ${current.categoricalColumns} / ${current.textColumns})`,
    ],
    [
      'missing cells',
      `${formatFigure(reference.missingValues)} (${formatShare(reference.missingShare)})`,
      `${formatFigure(current.missingValues)} (${formatShare(current.missingShare)})`,
    ],
    [
      'rows with a missing cell',
      formatFigure(reference.rowsWithMissing),
      formatFigure(current.rowsWithMissing),
    ],
    ['empty rows', formatFigure(reference.emptyRows), formatFigure(current.emptyRows)],
    ['duplicated rows', formatFigure(reference.duplicatedRows), formatFigure(current.duplicatedRows)],
    ['duplicated columns', groups(reference.duplicatedColumns), groups(current.duplicatedColumns)],
    ['constant columns', list(reference.constantColumns), list(current.constantColumns)],
    [
      'almost constant columns (≥ 95%)',
      list(reference.almostConstantColumns),
      list(current.almostConstantColumns),
    ],
    ['empty columns', list(reference.emptyColumns), list(current.emptyColumns)],
  ];
  if (reference.target || current.target) {
    const target = (t: DatasetStats['target']) =>
      t
        ? `${formatFigure(t.positives)} of ${formatFigure(t.positives + t.negatives)} (${formatShare(t.positiveShare)})`
        : '—';
    rows.push([
      `target ${reference.target?.column ?? current.target?.column}: positives`,
      target(reference.target),
      target(current.target),
    ]);
  }
  return `<div class="scroll"><table><thead><tr><th></th><th>reference</th><th>current</th></tr></thead><tbody>${rows
    .map(
      ([label, r, c]) =>
        `<tr${r !== c ? ' class="differs"' : ''}><th scope="row">${e(label)}</th><td>${e(r)}</td><td>${e(c)}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
}

function statsRows(column: ColumnReport): [string, string, string][] {
  const side = (s: ColumnStats | null, read: (s: ColumnStats) => string) => (s ? read(s) : 'absent');
  const both = (label: string, read: (s: ColumnStats) => string): [string, string, string] => [
    label,
    side(column.reference, read),
    side(column.current, read),
  ];
  const rows = [
    both('count', (s) => formatFigure(s.count)),
    both('missing', (s) => `${formatFigure(s.missing)} (${formatShare(s.missingShare)})`),
    both('unique', (s) => formatFigure(s.unique)),
    both('most common', (s) =>
      s.mostCommon
        ? `${typeof s.mostCommon.value === 'number' ? formatFigure(s.mostCommon.value) : s.mostCommon.value} (${formatShare(s.mostCommon.share)})`
        : '—',
    ),
  ];
  if (column.kind === 'numeric') {
    for (const key of ['mean', 'std', 'min', 'p25', 'p50', 'p75', 'max'] as const)
      rows.push(both(key === 'p50' ? 'median' : key, (s) => formatFigure(s.numeric?.[key])));
    for (const key of ['zeros', 'negatives', 'infinities'] as const)
      rows.push(both(key, (s) => formatFigure(s.numeric?.[key])));
  }
  if (column.kind === 'categorical') {
    rows.push(
      both(
        'categories',
        (s) =>
          (s.categories ?? [])
            .slice(0, 8)
            .map((c) => `${c.value} ${formatShare(c.share)}`)
            .join(', ') || '—',
      ),
    );
    if (column.newCategories?.length) rows.push(['new in current', '', column.newCategories.join(', ')]);
    if (column.missingCategories?.length)
      rows.push(['missing from current', column.missingCategories.join(', '), '']);
  }
  return rows;
}

function columnSection(column: ColumnReport, index: number): string {
  const d = column.drift;
  const test = d
    ? `${e(d.stattestLabel)} <strong class="${d.drifted ? 'drift' : 'ok'}">${formatFigure(d.score)}</strong> (drift ${d.scoreKind === 'p_value' ? 'below' : 'at or above'} ${d.threshold}) · PSI ${formatFigure(d.psi)}`
    : column.kind === 'text'
      ? 'text column (ids, dates…): statistics only, no drift test'
      : !column.reference || !column.current
        ? `absent from ${column.reference ? 'current' : 'reference'}: not tested`
        : 'not tested (see the findings)';
  const table = `<div class="scroll"><table><thead><tr><th></th><th>reference</th><th>current</th></tr></thead><tbody>${statsRows(
    column,
  )
    .map(
      ([label, r, c]) =>
        `<tr><th scope="row">${e(label)}</th><td class="num">${e(r)}</td><td class="num">${e(c)}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
  const chart = column.distribution ? distributionChart(column.name, column.distribution) : '';
  return `<section class="column${d?.drifted ? ' drifting' : ''}" id="${anchor(column.name, index)}">
<h3>${e(column.name)} <span class="what">· ${e(column.kind)}${column.role === 'feature' ? '' : `, ${e(column.role)}`}</span>${badge(column)}</h3>
<p class="test">${test}</p>
<div class="columns2">${table}<div>${chart}</div></div>
</section>`;
}

function findingsList(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p class="meta">No findings.</p>';
  const order = { fatal: 0, warning: 1, info: 2 } as const;
  return `<ul class="findings">${[...findings]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .map(
      (f) =>
        `<li><span class="sev ${f.severity}">${f.severity}</span> ${e(f.message)} <span class="meta">[${e(f.code)}]</span></li>`,
    )
    .join('')}</ul>`;
}

/**
 * A quality report as one self-contained HTML page (inline style and SVG charts; no script, font
 * or link to another site, so that it opens offline and anywhere): the verdict, the dataset figures
 * side by side, the findings, and a section per column in the report's order (drifting first) with
 * its test, its statistics and its distribution chart, reference against current.
 *
 * @example
 * writeFileSync('report.html', renderQualityHtml(report, { title: 'Data quality', generatedAt: new Date().toISOString() }));
 */
export function renderQualityHtml(report: QualityReport, meta: QualityPageMeta): string {
  const { drift } = report;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const verdict = drift.datasetDrift
    ? card(
        'Dataset drift',
        `${drift.drifted} of ${drift.columns} columns drifted (${formatShare(drift.share)} ≥ ${formatShare(drift.threshold)})`,
        'drift',
      )
    : card(
        'No dataset drift',
        `${drift.drifted} of ${drift.columns} columns drifted (${formatShare(drift.share)} < ${formatShare(drift.threshold)})`,
        'ok',
      );
  const sideDrift = (label: string, result: QualityReport['drift']['score']) =>
    result
      ? card(
          result.drifted ? 'drifted' : 'stable',
          `${label}: ${result.stattestLabel} ${formatFigure(result.score)}`,
          result.drifted ? 'drift' : 'ok',
        )
      : '';
  const toc = report.columns
    .map((c, i) => `<a href="#${anchor(c.name, i)}">${e(c.name)}${c.drift?.drifted ? ' ⚠' : ''}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(meta.title)}</title><style>${QUALITY_PAGE_STYLE}</style></head>
<body><main>
<h1>${e(meta.title)}</h1>
${meta.subtitle ? `<p class="meta">${e(meta.subtitle)}</p>` : ''}
<p class="meta">Current: <strong>${e(report.current.name)}</strong> (${formatFigure(report.current.rows)} rows) · reference: <strong>${e(report.reference.name)}</strong> (${formatFigure(report.reference.rows)} rows) · made ${e(meta.generatedAt)}</p>
<div class="band">${verdict}${card(String(drift.drifted), 'drifting columns')}${sideDrift('model score', drift.score)}${sideDrift('target', drift.target)}${card(String(warnings), 'warnings', warnings ? 'drift' : 'ok')}</div>
<p class="legend">Charts: <span style="background:${REFERENCE_COLOR}"></span>reference <span style="background:${CURRENT_COLOR}"></span>current</p>
<h2>Dataset</h2>
${datasetTable(report.dataset.reference, report.dataset.current)}
<h2>Findings</h2>
${findingsList(report.findings)}
<h2>Columns</h2>
<nav class="toc" aria-label="Columns">${toc}</nav>
${report.columns.map(columnSection).join('\n')}
</main></body></html>
`;
}
