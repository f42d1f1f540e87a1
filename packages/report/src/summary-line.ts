/**
 * A `name.........: values` row. Rows of one `block` share column widths; every row of the summary
 * shares the dotted label width, so the colons line up from top to bottom.
 */
export interface DottedRow {
  readonly kind: 'row';
  readonly block: string;
  /** The metric name, or two spaces and `{ tag:value }` for a sub-metric under its metric. */
  readonly label: string;
  readonly cells: readonly string[];
  /** Whether cells line up in columns with the block's other rows (trend stats are one free run of text). */
  readonly aligned: boolean;
}

/** One line of the text summary before layout: plain text or a dotted row. */
export type SummaryLine = string | DottedRow;
