/**
 * The report's stylesheet: system fonts, light and dark from prefers-color-scheme, a light print
 * theme without page breaks inside charts or tables. Status colours always come with an icon and a word.
 */
export const reportStyles: string = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --fg: #111827; --muted: #5b6472; --card: #ffffff; --border: #e3e6eb;
  --grid: rgba(100, 116, 139, 0.16); --breach: rgba(220, 38, 38, 0.12);
  --good: #15803d; --good-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2;
  --warn: #92400e; --warn-bg: #fef3c7; --neutral: #4b5563; --neutral-bg: #e5e7eb; --link: #1d4ed8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1115; --fg: #e5e7eb; --muted: #9aa3b2; --card: #171a21; --border: #2a2f3a;
    --grid: rgba(148, 163, 184, 0.14); --breach: rgba(248, 113, 113, 0.16);
    --good: #4ade80; --good-bg: #0f2e1b; --bad: #f87171; --bad-bg: #3a1414;
    --warn: #fbbf24; --warn-bg: #33260a; --neutral: #cbd5e1; --neutral-bg: #262b35; --link: #93c5fd;
  }
}
* { box-sizing: border-box; }
html { scroll-padding-top: 3.2rem; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--link); }
main { max-width: 1240px; margin: 0 auto; padding: 0 20px 40px; }
h1, h2, h3 { line-height: 1.2; }
h2 { font-size: 1.15rem; margin: 0 0 0.6rem; }
h3 { font-size: 0.95rem; margin: 1rem 0 0.4rem; }
.toc {
  position: sticky; top: 0; z-index: 10; background: var(--card); border-bottom: 1px solid var(--border);
  display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; padding: 0.5rem 20px; font-size: 0.85rem;
}
.toc a { text-decoration: none; color: var(--muted); }
.toc a:hover { color: var(--fg); }
.toc .toc-title { font-weight: 600; color: var(--fg); margin-right: 0.5rem; }
.section, .vb {
  background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 16px 18px; margin-top: 16px;
}
.vb { display: grid; grid-template-columns: minmax(240px, 1fr) minmax(260px, 1.3fr) auto; gap: 12px 24px; align-items: start; border-width: 1px 1px 1px 6px; }
.vb.tone-good { border-left-color: var(--good); }
.vb.tone-bad { border-left-color: var(--bad); }
.vb.tone-warn { border-left-color: var(--warn); }
.vb.tone-neutral { border-left-color: var(--neutral); }
.badge { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 700; border-radius: 6px; padding: 0.1rem 0.5rem; }
.badge-big { font-size: 1.7rem; padding: 0.3rem 0.8rem; letter-spacing: 0.02em; }
.tone-good .badge-big, .badge.good { color: var(--good); background: var(--good-bg); }
.tone-bad .badge-big, .badge.bad { color: var(--bad); background: var(--bad-bg); }
.tone-warn .badge-big, .badge.warn { color: var(--warn); background: var(--warn-bg); }
.tone-neutral .badge-big, .badge.neutral { color: var(--neutral); background: var(--neutral-bg); }
.vb-detail { margin: 0.5rem 0 0; font-weight: 600; }
.vb-headline { margin: 0.3rem 0 0; font-size: 1.02rem; }
.vb-facts { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.8rem; margin: 0; }
.vb-facts dt { color: var(--muted); }
.vb-facts dd { margin: 0; overflow-wrap: anywhere; }
.vb-actions { display: flex; flex-direction: column; gap: 0.4rem; }
.vb-lines { grid-column: 1 / -1; display: flex; flex-direction: column; gap: 0.3rem; }
.line { margin: 0; padding: 0.35rem 0.6rem; border-radius: 6px; }
.line.warn { background: var(--warn-bg); color: var(--warn); }
.line.bad { background: var(--bad-bg); color: var(--bad); }
.line.good { background: var(--good-bg); color: var(--good); }
.line.neutral { background: var(--neutral-bg); color: var(--neutral); }
button {
  font: inherit; font-size: 0.85rem; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer;
}
button:hover { border-color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.tile { border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; min-width: 0; }
.tile-label { color: var(--muted); font-size: 0.8rem; }
.tile-value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.tile-secondary { color: var(--muted); font-size: 0.8rem; }
.tile svg { display: block; width: 100%; height: 32px; margin-top: 4px; color: var(--muted); }
.delta { font-size: 0.8rem; font-weight: 600; }
.delta.good { color: var(--good); } .delta.bad { color: var(--bad); } .delta.neutral { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; }
td.reason { max-width: 32rem; overflow-wrap: anywhere; }
table.data { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.data th, table.data td { text-align: left; padding: 0.3rem 0.55rem; border-bottom: 1px solid var(--border); vertical-align: top; }
table.data th { color: var(--muted); font-weight: 600; font-size: 0.8rem; white-space: nowrap; }
table.data td.num, table.data th.num { text-align: right; white-space: nowrap; }
table.data td.name { overflow-wrap: anywhere; max-width: 28rem; }
table.data tfoot td { font-weight: 650; border-top: 2px solid var(--border); position: sticky; bottom: 0; background: var(--card); }
tr.failing td:first-child { box-shadow: inset 3px 0 0 var(--bad); }
table.data.fit { width: auto; min-width: min(100%, 36rem); }
code.metric-name { overflow-wrap: normal; }
table.data td.name.sub { padding-left: 1.6rem; }
table.data td.marks { min-width: 9rem; position: relative; }
.mark { display: inline-block; margin: 0 0.6rem 0.1rem 0; }
table.data.grouped tr.group-head th {
  color: var(--fg); font-size: 0.9rem; background: var(--bg); white-space: normal;
  padding-top: 0.55rem; padding-left: calc(0.55rem + var(--depth, 0) * 1.2rem);
}
.group-duration { display: inline-block; font-weight: 400; font-size: 0.8rem; margin-left: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.status { white-space: nowrap; font-weight: 600; }
.status.good { color: var(--good); } .status.bad { color: var(--bad); } .status.warn { color: var(--warn); } .status.neutral { color: var(--muted); }
.note { color: var(--muted); margin: 0.4rem 0; }
.note.thin { border: 1px dashed var(--border); border-radius: 6px; padding: 1.2rem; text-align: center; }
.hint { color: var(--muted); font-size: 0.85rem; margin: 0 0 0.5rem; }
.chart-block { margin-top: 1.2rem; break-inside: avoid; }
.chart-block:first-of-type { margin-top: 0.4rem; }
.chart { min-height: 40px; width: 100%; }
.chart-tools { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.4rem; font-size: 0.85rem; }
.filters { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin: 0.4rem 0; font-size: 0.85rem; }
.filters input[type="search"] { font: inherit; padding: 0.25rem 0.5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); }
details > summary { cursor: pointer; color: var(--link); margin: 0.4rem 0; }
.bar { display: flex; height: 0.7rem; min-width: 8rem; border-radius: 3px; overflow: hidden; background: var(--neutral-bg); }
.bar span { display: block; height: 100%; }
.bar .good { background: #16a34a; } .bar .ni { background: #f59e0b; } .bar .poor { background: #dc2626; } .bar .value { background: #2563eb; }
.legend-line { font-size: 0.8rem; color: var(--muted); }
.banner { background: var(--warn-bg); color: var(--warn); border-radius: 6px; padding: 0.5rem 0.7rem; margin: 0.4rem 0; }
.muted { color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; overflow-wrap: anywhere; }
footer { max-width: 1240px; margin: 0 auto; padding: 8px 20px 32px; color: var(--muted); font-size: 0.8rem; }
.uplot { width: 100%; }
.u-legend { font-size: 0.8rem; text-align: left; }
.u-legend .u-marker { border-radius: 2px; }
.u-select { background: rgba(37, 99, 235, 0.12); }
@media (max-width: 820px) { .vb { grid-template-columns: 1fr; } .vb-actions { flex-direction: row; flex-wrap: wrap; } }
/* A wide table scrolls on a phone: a group's duration goes under its name, where it is in view. */
@media (max-width: 600px) { .group-duration { display: table; margin-left: 0; } }
@media print {
  :root { color-scheme: light; --bg: #fff; --fg: #111827; --muted: #4b5563; --card: #fff; --border: #d1d5db; --link: #1d4ed8;
    --good: #15803d; --good-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2; --warn: #92400e; --warn-bg: #fef3c7; --neutral: #4b5563; --neutral-bg: #e5e7eb; }
  .toc, .vb-actions, .chart-tools, .filters { display: none; }
  .section, .vb, table, .chart-block, .tile { break-inside: avoid; }
  main { max-width: none; padding: 0; }
  tr[hidden] { display: table-row; }
}
`;
