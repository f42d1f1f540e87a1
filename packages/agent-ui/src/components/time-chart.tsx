import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatElapsed } from '../lib/format-elapsed.js';
import { joinGroup, shareXScale } from './chart-sync.js';

export interface ChartLine {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  /** Dashed: the compared run (B), or a limit. */
  readonly dashed?: boolean;
  /** Drawn against the right-hand axis (VUs, error %). */
  readonly right?: boolean;
  /** A filled grey area, for VUs. */
  readonly area?: boolean;
  /** Dots only: one point per run on the history trend. */
  readonly dots?: boolean;
}

export interface XAxis {
  readonly label: string;
  /** Tick steps in x units: whole steps only where fractions mean nothing (seconds, run numbers). */
  readonly incrs: readonly number[];
  readonly tick: (value: number) => string;
  /** The x value in the legend while the cursor is on a point. */
  readonly legend: (value: number) => string;
  /** Room either side of the first and last x, in x units, so end points are not cut in half. */
  readonly pad?: number;
}

const elapsedAxis: XAxis = {
  label: 'elapsed (m:ss)',
  incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200],
  tick: (seconds) => formatElapsed(seconds * 1000),
  legend: (seconds) => formatElapsed(seconds * 1000),
};

export interface TimeChartProps {
  /** Also the element id, so tests and readers can find a chart. */
  readonly id: string;
  readonly title: string;
  /** Seconds since the start, unless `xAxis` says otherwise. */
  readonly x: readonly number[];
  readonly lines: readonly ChartLine[];
  /** Axis titles carry their unit, e.g. "latency (ms)". */
  readonly yLabel: string;
  readonly rightLabel?: string;
  /** What x means; elapsed time (m:ss) unless given. */
  readonly xAxis?: XAxis;
  /** Why there is nothing to draw; shown instead of an empty canvas. */
  readonly emptyReason?: string | undefined;
  /** Charts with the same key share cursor and zoom. */
  readonly syncKey: string;
  /** A hint under the title: the window, the scope of the percentiles. */
  readonly note?: string;
  readonly onPointClick?: (index: number) => void;
}

const HEIGHT = 220;

/** Counts, rates and durations start at zero, so a flat line is not blown up into noise. */
const fromZero: uPlot.Range.Function = (_u, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1];

/** A single point (one run in the history, the first second of a run) gets some room either side. */
function xRange(pad: number): uPlot.Range.Function {
  return (_u, min, max) => (min === max ? [min - 1, max + 1] : [min - pad, max + pad]);
}

function buildOptions(props: TimeChartProps, width: number): uPlot.Options {
  const hasRight = props.lines.some((l) => l.right);
  const xAxis = props.xAxis ?? elapsedAxis;
  const series: uPlot.Series[] = [
    { label: xAxis.label.replace(/ \(.*\)$/, ''), value: (_u, v) => (v === null ? '—' : xAxis.legend(v)) },
    ...props.lines.map(
      (line): uPlot.Series => ({
        label: line.label,
        stroke: line.color,
        width: line.dots ? 0 : 2,
        scale: line.right ? 'right' : 'y',
        spanGaps: false,
        ...(line.dashed ? { dash: [6, 4] } : {}),
        ...(line.area ? { fill: `${line.color}33`, width: 1 } : {}),
        ...(line.dots ? { points: { show: true, size: 8, fill: line.color } } : { points: { show: false } }),
      }),
    ),
  ];
  const axes: uPlot.Axis[] = [
    {
      label: xAxis.label,
      incrs: [...xAxis.incrs],
      values: (_u: uPlot, ticks: number[]) => ticks.map((t) => xAxis.tick(t)),
    },
    { label: props.yLabel, scale: 'y' },
    ...(hasRight
      ? [{ label: props.rightLabel ?? '', scale: 'right', side: 1 as const, grid: { show: false } }]
      : []),
  ];
  return {
    width,
    height: HEIGHT,
    series,
    axes,
    scales: {
      x: { time: false, range: xRange(xAxis.pad ?? 0) },
      y: { range: fromZero },
      right: { range: fromZero },
    },
    cursor: { sync: { key: props.syncKey, setSeries: false }, drag: { x: true, y: false } },
    legend: { live: true },
  };
}

function columns(props: TimeChartProps): uPlot.AlignedData {
  return [props.x as number[], ...props.lines.map((l) => l.values as (number | null)[])];
}

/** A uPlot line chart that redraws when its data changes and shares cursor and zoom with its page. */
export function TimeChart(props: TimeChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  const drawn = useRef<readonly (readonly unknown[])[]>([]);
  const shape = `${props.lines.map((l) => `${l.label}|${l.right}|${l.dashed}`).join(',')}|${props.xAxis?.label}`;
  const empty = props.emptyReason !== undefined;

  // The chart is rebuilt only when the set of lines changes; new data goes through setData below.
  useEffect(() => {
    if (empty || !holder.current) return;
    const element = holder.current;
    const options = buildOptions(props, Math.max(300, element.clientWidth));
    options.hooks = {
      setScale: [(u, key) => shareXScale(props.syncKey, u, key)],
      ...(props.onPointClick
        ? {
            ready: [
              (u) =>
                u.over.addEventListener('click', () => {
                  const index = u.cursor.idx;
                  if (index !== null && index !== undefined) props.onPointClick?.(index);
                }),
            ],
          }
        : {}),
    };
    const created = new uPlot(options, columns(props), element);
    chart.current = created;
    drawn.current = [props.x, ...props.lines.map((l) => l.values)];
    element.dataset.drawn = 'true';
    const leave = joinGroup(props.syncKey, created);
    const resize = new ResizeObserver(() =>
      created.setSize({ width: Math.max(300, element.clientWidth), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      leave();
      created.destroy();
      chart.current = undefined;
      element.dataset.drawn = 'false';
    };
  }, [shape, empty, props.syncKey]);

  // Redraw only when a column really changed: a parent re-rendering for another reason (the status
  // poll) must not reset the reader's zoom.
  useEffect(() => {
    const next = [props.x, ...props.lines.map((l) => l.values)];
    const same =
      next.length === drawn.current.length && next.every((column, i) => column === drawn.current[i]);
    if (same || !chart.current) return;
    drawn.current = next;
    chart.current.setData(columns(props));
  });

  return (
    <figure class="chart-card">
      <figcaption>
        <span class="chart-title">{props.title}</span>
        {props.note ? <span class="chart-note">{props.note}</span> : null}
      </figcaption>
      {empty ? (
        <div class="chart-empty" id={props.id} data-points="0">
          {props.emptyReason}
        </div>
      ) : (
        <div class="chart" id={props.id} ref={holder} data-points={String(props.x.length)} />
      )}
    </figure>
  );
}
