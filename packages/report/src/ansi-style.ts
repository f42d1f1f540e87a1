export interface AnsiStyle {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;

const plain = (text: string): string => text;

const COLORED: AnsiStyle = Object.freeze({
  green: wrap(32, 39),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
});

const PLAIN: AnsiStyle = Object.freeze({ green: plain, red: plain, yellow: plain, dim: plain, bold: plain });

/** Plain SGR codes rather than a colour library: five styles do not justify a dependency. */
export function ansiStyle(color: boolean): AnsiStyle {
  return color ? COLORED : PLAIN;
}
