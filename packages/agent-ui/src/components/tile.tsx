import type { ComponentChildren } from 'preact';

export interface TileProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Small print under the value: the window, a cumulative figure, a count. */
  readonly secondary?: string;
  readonly children?: ComponentChildren;
}

/** A key number: label, big value with its unit, and a line of context. */
export function Tile({ id, label, value, secondary, children }: TileProps) {
  return (
    <div class="tile" data-tile={id}>
      <div class="tile-label">{label}</div>
      <div class="tile-value">{value}</div>
      {secondary ? <div class="tile-secondary">{secondary}</div> : null}
      {children}
    </div>
  );
}
