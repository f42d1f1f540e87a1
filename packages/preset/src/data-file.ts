/** Rows of a data file: CSV with a header row, or JSON as an array of objects. */
export type DataRow = Readonly<Record<string, unknown>>;

export class DataFileError extends Error {
  readonly code = 'ERR_DATA_FILE';
  constructor(
    message: string,
    readonly line = 0,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

export function parseDataFile(fileName: string, text: string): DataRow[] {
  return /\.json$/i.test(fileName) ? parseJsonRows(text) : parseCsv(text);
}

function parseJsonRows(text: string): DataRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`not valid JSON: ${(error as Error).message}`);
  }
  if (
    !Array.isArray(value) ||
    !value.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))
  ) {
    throw new DataFileError('a JSON data file must hold an array of objects, for example [{"user": "a"}]');
  }
  if (value.length === 0) throw new DataFileError('the data file has no rows');
  return value as DataRow[];
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): DataRow[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f !== '') || record.length > 1) records.push(record);
      record = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted) throw new DataFileError('a quoted field is never closed', line);
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0)
    throw new DataFileError('a CSV data file needs a header row and at least one data row');
  return rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new DataFileError(
        `row ${index + 2} has ${fields.length} fields, the header has ${header.length}`,
        index + 2,
      );
    }
    return Object.fromEntries(header.map((name, column) => [name.trim(), fields[column]]));
  });
}
