import type { SummaryMetricType } from '@fpt/api-types';
import { formatStat, trendColumns } from '@fpt/readable';
import type { CustomMetricRow } from '../lib/custom-metric-rows.js';

const TITLES: Readonly<Record<SummaryMetricType, string>> = {
  trend: 'Trends',
  counter: 'Counters',
  rate: 'Rates',
  gauge: 'Gauges',
};

const TYPES: readonly SummaryMetricType[] = ['trend', 'counter', 'rate', 'gauge'];

// What each type's values mean to a reader; a trend's come from the summary's trend stats.
const FIXED_COLUMNS: Readonly<Record<Exclude<SummaryMetricType, 'trend'>, readonly string[]>> = {
  counter: ['count', 'rate'],
  rate: ['rate', 'passes', 'fails'],
  gauge: ['value', 'min', 'max'],
};

/**
 * The preset's own metrics (`metrics:`), one table per type with the values that type has, and each
 * threshold on a metric marked as held or crossed.
 */
export function CustomMetricsTables({ rows }: { readonly rows: readonly CustomMetricRow[] }) {
  return (
    <>
      {TYPES.map((type) => {
        const ofType = rows.filter((r) => r.entry.type === type);
        if (ofType.length === 0) return null;
        const columns = type === 'trend' ? trendColumns(ofType) : FIXED_COLUMNS[type];
        return (
          <div key={type}>
            <h3>{TITLES[type]}</h3>
            <div class="table-scroll">
              <table class="data fit" id={`custom-${type}-table`}>
                <thead>
                  <tr>
                    <th>Metric</th>
                    {columns.map((c) => (
                      <th key={c} class="num">
                        {c}
                      </th>
                    ))}
                    <th>Thresholds</th>
                  </tr>
                </thead>
                <tbody>
                  {ofType.map((row) => (
                    <CustomMetricTableRow key={row.key} row={row} columns={columns} />
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </>
  );
}

function CustomMetricTableRow({
  row,
  columns,
}: {
  readonly row: CustomMetricRow;
  readonly columns: readonly string[];
}) {
  const empty = row.count === 0;
  const failing = row.thresholds.some((t) => !t.ok);
  return (
    <tr data-metric={row.key} data-failing={String(failing)} class={failing ? 'failing' : undefined}>
      <td class={row.key === row.metric ? 'mono metric-name' : 'mono metric-name sub'}>
        {/* On a narrow screen a name breaks after an underscore, not in the middle of a word. */}
        {row.key.split(/(?<=[_,])/).map((part, i) => (i === 0 ? part : [<wbr key={i} />, part]))}
      </td>
      {columns.map((column) => {
        const value = column === 'count' && row.count !== undefined ? row.count : row.entry.values[column];
        return (
          <td key={column} class="num">
            {empty && column !== 'count' ? '—' : formatStat(row.entry, column, value)}
          </td>
        );
      })}
      <td class="marks">
        {row.thresholds.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          row.thresholds.map((t) => (
            <span key={t.expression} class={`mark ${t.ok ? 'tone-good' : 'tone-bad'}`} data-ok={String(t.ok)}>
              <span aria-hidden="true">{t.ok ? '✓' : '✗'}</span> <span class="mono">{t.expression}</span>
              <span class="sr-only"> {t.ok ? 'passed' : 'failed'}</span>
            </span>
          ))
        )}
      </td>
    </tr>
  );
}
