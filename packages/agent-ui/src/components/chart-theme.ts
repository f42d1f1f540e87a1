/**
 * The colours a uPlot chart is drawn with, read from the page's CSS variables (styles.css) when the chart
 * is built: uPlot paints axes and lines on a canvas, which CSS cannot reach, so light and dark mode reach
 * it through here. A chart is rebuilt when the colour scheme changes (use-color-scheme.ts).
 */
export interface ChartTheme {
  /** Axis titles and tick labels: --chart-axis, AA contrast (4.5:1) on --chart-bg in both modes. */
  readonly axis: string;
  /** Grid lines and ticks. */
  readonly grid: string;
  /** What the chart is drawn on (the chart card's background). */
  readonly background: string;
  /** Resolves a series colour: `var(--series-p95)` becomes that variable's value. */
  readonly color: (value: string) => string;
}

const VARIABLE = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/;

export function chartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const color = (value: string) => {
    const match = VARIABLE.exec(value.trim());
    return match ? variable(match[1]!, match[2]?.trim() ?? '#808080') : value;
  };
  return {
    axis: variable('--chart-axis', '#4b5563'),
    grid: variable('--chart-grid', 'rgba(128, 128, 128, 0.2)'),
    background: variable('--chart-bg', '#ffffff'),
    color,
  };
}
