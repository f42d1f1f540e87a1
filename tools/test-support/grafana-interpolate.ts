/*
 * Fills a dashboard query in the way Grafana's InfluxDB data source does before sending it, written from
 * Grafana's documented behaviour (not its code), so tests can run every panel query against InfluxDB:
 * - `$var`, `${var}` and `[[var]]` are replaced;
 * - a variable that is multi-value or has "All" gets its values regex-escaped, several joined as `(a|b)`,
 *   and All replaced by its allValue (`.*`);
 * - a single-value variable is inserted as it is;
 * - `$timeFilter` becomes `time >= <from>ms and time <= <to>ms`, `$__interval` a duration such as `2s`,
 *   `$__interval_ms` its milliseconds.
 */

export interface VariableValue {
  /** Multi-value or include-All variables are regex-escaped. */
  readonly regex: boolean;
  /** The selected values; 'All' for the All option. */
  readonly values: readonly string[] | 'All';
  readonly allValue?: string;
}

export interface GrafanaContext {
  readonly variables: Readonly<Record<string, VariableValue>>;
  readonly fromMs: number;
  readonly toMs: number;
  readonly intervalMs: number;
}

export function interpolateGrafanaQuery(query: string, context: GrafanaContext): string {
  const builtIns: Record<string, string> = {
    timeFilter: `time >= ${context.fromMs}ms and time <= ${context.toMs}ms`,
    __interval: formatInterval(context.intervalMs),
    __interval_ms: String(context.intervalMs),
  };
  return query.replace(/\$\{(\w+)\}|\[\[(\w+)\]\]|\$(\w+)/g, (match, braced, bracketed, plain) => {
    const name = (braced ?? bracketed ?? plain) as string;
    const builtIn = builtIns[name];
    if (builtIn !== undefined) return builtIn;
    const variable = context.variables[name];
    if (variable === undefined) return match;
    return formatValue(variable);
  });
}

function formatValue(variable: VariableValue): string {
  if (variable.values === 'All') return variable.allValue ?? '.*';
  if (!variable.regex) return variable.values.join(',');
  const escaped = variable.values.map((value) => value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&'));
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

function formatInterval(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
