/** The report page's style sheet: inline, system fonts, readable from 390 px wide to print. */
export const QUALITY_PAGE_STYLE = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5c6675; --line: #dde2ea; --panel: #f6f8fb; --drift: #b3261e; --ok: #1e7a3c; --warn: #9a5b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.55rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
p.meta { color: var(--muted); margin: 2px 0; }
.band { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 20px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .value { font-size: 1.35rem; font-weight: 650; }
.card .what { color: var(--muted); font-size: .85rem; }
.drift { color: var(--drift); }
.ok { color: var(--ok); }
.badge { display: inline-block; font-size: .75rem; font-weight: 650; padding: 1px 8px; border-radius: 999px; margin-left: 8px; vertical-align: middle; }
.badge.drift { background: #fde7e5; color: var(--drift); }
.badge.ok { background: #e3f4e8; color: var(--ok); }
.badge.none { background: #eceff3; color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.differs td { background: #fff6e5; }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.sev { display: inline-block; min-width: 64px; font-size: .75rem; font-weight: 650; text-transform: uppercase; }
.sev.warning { color: var(--warn); } .sev.fatal { color: var(--drift); } .sev.info { color: var(--muted); }
nav.toc { columns: 3 180px; font-size: .9rem; }
nav.toc a { color: #2a5db0; display: block; overflow-wrap: anywhere; }
a:focus-visible { outline: 2px solid #2a5db0; outline-offset: 2px; }
section.column { border: 1px solid var(--line); border-radius: 8px; padding: 14px; margin: 16px 0; break-inside: avoid; }
section.column.drifting { border-color: #f0b4ae; }
.test { color: var(--muted); margin: 6px 0 10px; }
.columns2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 16px; align-items: start; }
@media (max-width: 760px) { .columns2 { grid-template-columns: minmax(0, 1fr); } main { padding: 16px 12px 32px; } }
svg.chart { width: 100%; height: auto; display: block; }
svg .grid { stroke: #eef1f5; } svg .axis { stroke: #9aa4b2; }
svg text { font: 11px system-ui, sans-serif; fill: #5c6675; }
.legend { font-size: .85rem; color: var(--muted); }
.legend span { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: -1px; }
@media print { main { max-width: none; } .card, section.column { break-inside: avoid; } }
`;
