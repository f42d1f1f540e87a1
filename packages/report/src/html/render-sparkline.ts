import { downsampleMinMax } from './downsample-min-max.js';
import { html, rawHtml, type SafeHtml } from './html-template.js';

const WIDTH = 120;
const HEIGHT = 32;

/** A 32 px trend line for a tile, drawn as inline SVG (no script needed); gaps where values are null. */
export function renderSparkline(values: readonly (number | null)[], label: string): SafeHtml {
  const present = values.filter((v): v is number => v !== null);
  if (values.length < 2 || present.length === 0) return html``;
  const { columns } = downsampleMinMax(
    values.map((_, i) => i),
    [values],
    WIDTH,
  );
  const points = columns[0]!;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of points) {
    if (v === null) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  min = Math.min(0, min);
  const span = max - min || 1;
  let path = '';
  let pen = false;
  points.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (i / Math.max(1, points.length - 1)) * WIDTH;
    const y = HEIGHT - 2 - ((v - min) / span) * (HEIGHT - 4);
    path += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  });
  return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${label}">${rawHtml(
    `<path d="${path}" fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke"/>`,
  )}</svg>`;
}
