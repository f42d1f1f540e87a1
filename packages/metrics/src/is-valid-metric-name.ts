// k6 rejects other names at creation, so a name that passes here is one k6 would also accept.
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** k6's rule: 1 to 128 ASCII letters, digits or underscores, not starting with a digit. */
export function isValidMetricName(name: string): boolean {
  return typeof name === 'string' && METRIC_NAME.test(name);
}
