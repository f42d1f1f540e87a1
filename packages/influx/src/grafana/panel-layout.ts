import type { GridPos, Panel } from './grafana-types.js';
import type { PanelSpec } from './panel-builders.js';

/** Grafana's grid is 24 columns wide. */
const GRID_COLUMNS = 24;

/**
 * Places panels left to right, wrapping at the grid width, and numbers them from 1 so ids are unique and
 * stable between generator runs (the committed JSON only changes when the dashboard does).
 */
export class PanelLayout {
  readonly #panels: Panel[] = [];
  #nextId = 1;
  #x = 0;
  #y = 0;
  #lineHeight = 0;

  add(spec: PanelSpec, size: { readonly w: number; readonly h: number }): this {
    if (this.#x + size.w > GRID_COLUMNS) this.#newLine();
    const gridPos: GridPos = { h: size.h, w: size.w, x: this.#x, y: this.#y };
    this.#panels.push({ id: this.#nextId++, gridPos, ...spec });
    this.#x += size.w;
    this.#lineHeight = Math.max(this.#lineHeight, size.h);
    return this;
  }

  row(title: string): this {
    this.#newLine();
    this.#panels.push({
      id: this.#nextId++,
      type: 'row',
      title,
      gridPos: { h: 1, w: GRID_COLUMNS, x: 0, y: this.#y },
      collapsed: false,
      panels: [],
    });
    this.#y += 1;
    return this;
  }

  get panels(): readonly Panel[] {
    return this.#panels;
  }

  #newLine(): void {
    this.#y += this.#lineHeight;
    this.#x = 0;
    this.#lineHeight = 0;
  }
}
