import type uPlot from 'uplot';

/**
 * Charts of one page share zoom: a drag on one sets the x range of every chart in its group, and a
 * reset puts them all back. (The cursor is shared by uPlot's own cursor.sync with the same key.)
 */
const groups = new Map<string, Set<uPlot>>();
let propagating = false;

export function joinGroup(key: string, chart: uPlot): () => void {
  let group = groups.get(key);
  if (!group) {
    group = new Set();
    groups.set(key, group);
  }
  group.add(chart);
  return () => {
    group.delete(chart);
    if (group.size === 0) groups.delete(key);
  };
}

/** uPlot's setScale hook: pass an x zoom on to the rest of the group. */
export function shareXScale(key: string, chart: uPlot, scaleKey: string): void {
  if (scaleKey !== 'x' || propagating) return;
  const { min, max } = chart.scales.x ?? {};
  if (min === undefined || max === undefined || min === null || max === null) return;
  propagating = true;
  try {
    for (const other of groups.get(key) ?? []) {
      if (other !== chart) other.setScale('x', { min, max });
    }
  } finally {
    propagating = false;
  }
}

/** Back to the whole range on every chart of the group. */
export function resetZoom(key: string): void {
  propagating = true;
  try {
    for (const chart of groups.get(key) ?? []) chart.setData(chart.data, true);
  } finally {
    propagating = false;
  }
}
