import { useEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useColorScheme } from '../hooks/use-color-scheme.js';
import { type ChartUnit, countAxisSteps, fitScale, formatChartValue, peakOf } from '../lib/chart-scale.js';
import { withAlpha } from '../lib/contrast.js';
import { formatElapsed } from '../lib/format-elapsed.js';
import { joinGroup, shareXScale } from './chart-sync.js';
import { type ChartTheme, chartTheme } from './chart-theme.js';

export interface ChartLine {
  readonly label: string;
  /** A colour, or a CSS variable (`var(--series-p95)`) resolved when the chart is drawn. */
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
  /**
   * Values only in some seconds (Web Vitals come when a page reports one): dotted, and joined across the
   * empty seconds, where a line with gaps would leave a lone value invisible.
   */
  readonly sparse?: boolean;
  /** What the values are, for the hover legend ("582 ms"). */
  readonly unit?: ChartUnit;
  /**
   * A threshold's limit: left out of the axis range when it lies far above the data (the axis fits the
   * data, and the limit is marked as off the scale), drawn when it is near enough to read against it.
   */
  readonly limit?: { readonly value: number };
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
/** Narrower than this, a chart would be unreadable; a phone gives it about 330 px. */
const MIN_WIDTH = 220;

/** Counts, rates and durations start at zero, so a flat line is not blown up into noise. */
const fromZero: uPlot.Range.Function = (_u, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1];

/**
 * The left axis: from zero to the data's peak, taking in the limit lines near enough to read against it
 * (chart-scale.ts); a limit far above is left out and marked instead (offScaleMarker).
 */
function fittedRange(lines: readonly ChartLine[]): uPlot.Range.Function {
  return (u, min) => {
    const data: (number | null | undefined)[][] = [];
    const limits: number[] = [];
    lines.forEach((line, i) => {
      if (line.right) return;
      if (line.limit) limits.push(line.limit.value);
      else data.push(u.data[i + 1] as (number | null | undefined)[]);
    });
    return [Math.min(0, min ?? 0), fitScale(peakOf(data), limits).max];
  };
}

/** Limits left above the scale, as "limit p(95) < 500 ms", for the caption and the marker on the plot. */
function offScaleLimits(lines: readonly ChartLine[]): string[] {
  const data = lines.filter((l) => !l.right && !l.limit).map((l) => l.values);
  const limits = lines.filter((l) => !l.right && l.limit);
  const { drawn } = fitScale(
    peakOf(data),
    limits.map((l) => l.limit!.value),
  );
  return limits.filter((_, i) => !drawn[i]).map((l) => l.label);
}

/** Whole-number ticks for an axis of counts (VUs), uPlot's own steps otherwise. */
function stepsFor(lines: readonly ChartLine[]): Pick<uPlot.Axis, 'incrs'> {
  const incrs = countAxisSteps(lines.map((l) => l.unit));
  return incrs ? { incrs } : {};
}

/** A single point (one run in the history, the first second of a run) gets some room either side. */
function xRange(pad: number): uPlot.Range.Function {
  return (_u, min, max) => (min === max ? [min - 1, max + 1] : [min - pad, max + pad]);
}

function buildOptions(props: TimeChartProps, width: number, theme: ChartTheme): uPlot.Options {
  const hasRight = props.lines.some((l) => l.right);
  const xAxis = props.xAxis ?? elapsedAxis;
  const series: uPlot.Series[] = [
    { label: xAxis.label.replace(/ \(.*\)$/, ''), value: (_u, v) => (v === null ? '—' : xAxis.legend(v)) },
    ...props.lines.map((line): uPlot.Series => {
      const color = theme.color(line.color);
      return {
        label: line.label,
        stroke: color,
        width: line.dots ? 0 : 2,
        scale: line.right ? 'right' : 'y',
        spanGaps: line.sparse === true,
        value: (_u, v) => formatChartValue(line.unit, v),
        ...(line.dashed ? { dash: [6, 4] } : {}),
        ...(line.area ? { fill: withAlpha(color, 0.2), width: 1 } : {}),
        ...(line.dots || line.sparse
          ? { points: { show: true, size: line.dots ? 8 : 6, fill: color } }
          : { points: { show: false } }),
      };
    }),
  ];
  // Axis text (titles and tick labels) and grid from the CSS variables: uPlot's own default is black.
  const themed = {
    stroke: theme.axis,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
  };
  const axes: uPlot.Axis[] = [
    {
      ...themed,
      label: xAxis.label,
      incrs: [...xAxis.incrs],
      values: (_u: uPlot, ticks: number[]) => ticks.map((t) => xAxis.tick(t)),
    },
    {
      ...themed,
      label: props.yLabel,
      scale: 'y',
      ...stepsFor(props.lines.filter((l) => !l.right && !l.limit)),
    },
    ...(hasRight
      ? [
          {
            ...themed,
            label: props.rightLabel ?? '',
            scale: 'right',
            side: 1 as const,
            grid: { show: false },
            ...stepsFor(props.lines.filter((l) => l.right)),
          },
        ]
      : []),
  ];
  const hasLimits = props.lines.some((l) => l.limit);
  return {
    width,
    height: HEIGHT,
    series,
    axes,
    scales: {
      x: { time: false, range: xRange(xAxis.pad ?? 0) },
      y: { range: hasLimits ? fittedRange(props.lines) : fromZero },
      right: { range: fromZero },
    },
    cursor: { sync: { key: props.syncKey, setSeries: false }, drag: { x: true, y: false } },
    legend: { live: true },
  };
}

/**
 * Marks each limit left above the scale at the top of the plot, in the band fitScale leaves above the
 * data: a short dashed stub of the limit's line at the right, and its label on the chart's background.
 */
function offScaleMarker(theme: ChartTheme, lines: readonly ChartLine[]): (u: uPlot) => void {
  return (u) => {
    const labels = offScaleLimits(
      lines.map((l, i) => ({ ...l, values: (u.data[i + 1] ?? []) as readonly (number | null)[] })),
    );
    if (labels.length === 0) return;
    const ratio = uPlot.pxRatio;
    const { ctx } = u;
    const color = theme.color('var(--series-limit)');
    const right = u.bbox.left + u.bbox.width;
    ctx.save();
    ctx.font = `${11 * ratio}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    labels.forEach((label, i) => {
      const y = u.bbox.top + (8 + 14 * i) * ratio;
      const text = `▲ ${label.replace(/^limit /, '')} (above)`;
      const width = ctx.measureText(text).width;
      ctx.fillStyle = theme.background;
      ctx.fillRect(right - width - 34 * ratio, y - 7 * ratio, width + 34 * ratio, 14 * ratio);
      ctx.strokeStyle = color;
      ctx.lineWidth = 2 * ratio;
      ctx.setLineDash([6 * ratio, 4 * ratio]);
      ctx.beginPath();
      ctx.moveTo(right - 24 * ratio, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.fillText(text, right - 28 * ratio, y);
    });
    ctx.restore();
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
  const scheme = useColorScheme();
  const shape = `${props.lines.map((l) => `${l.label}|${l.right}|${l.dashed}|${l.limit !== undefined}`).join(',')}|${props.xAxis?.label}`;
  const empty = props.emptyReason !== undefined;
  const offScale = useMemo(() => offScaleLimits(props.lines), [props.lines]);

  // The chart is rebuilt only when the set of lines or the colour scheme changes; new data goes
  // through setData below.
  useEffect(() => {
    if (empty || !holder.current) return;
    const element = holder.current;
    const theme = chartTheme(element);
    const options = buildOptions(props, Math.max(MIN_WIDTH, element.clientWidth), theme);
    // What the chart was given, readable from outside (tests check the axis text's contrast).
    element.dataset.axisStroke = theme.axis;
    element.dataset.gridStroke = theme.grid;
    element.dataset.scheme = scheme;
    options.hooks = {
      setScale: [(u, key) => shareXScale(props.syncKey, u, key)],
      draw: [offScaleMarker(theme, props.lines)],
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
      created.setSize({ width: Math.max(MIN_WIDTH, element.clientWidth), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      leave();
      created.destroy();
      chart.current = undefined;
      element.dataset.drawn = 'false';
    };
  }, [shape, empty, props.syncKey, scheme]);

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
        {!empty && offScale.length > 0 ? (
          <span class="chart-offscale" data-offscale={offScale.join('; ')}>
            ▲ {offScale.join('; ')}: above the scale, which fits the data
          </span>
        ) : null}
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
