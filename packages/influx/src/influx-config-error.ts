/**
 * A bad `--out influxdb…` spec, environment variable or output option. The message says what is wrong
 * and `hint` what to do, so the CLI can print both and exit with 104 before the run starts.
 */
export class InfluxConfigError extends Error {
  readonly code = 'ERR_INFLUX_CONFIG';
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.name = 'InfluxConfigError';
    this.hint = hint;
  }
}
