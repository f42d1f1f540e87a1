/** How k6 labels a sub-metric row under its metric: indented, `{ tag:value }`. */
export function subMetricLabel(filterText: string): string {
  return `  { ${filterText} }`;
}
