import type { InfluxOutputConfig, InfluxV1Config } from './influx-output-config.js';

export interface InfluxRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/**
 * The write endpoint and headers. Precision is always `ns` and always sent, never left to the server's
 * default: trend pseudo-samples are nanoseconds apart, and v1 silently reads an unknown unit (`us`) as ns.
 */
export function writeRequest(config: InfluxOutputConfig): InfluxRequest {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (config.kind === 'v1') {
    const query = new URLSearchParams({ db: config.db });
    if (config.retention !== undefined) query.set('rp', config.retention);
    query.set('precision', 'ns');
    addBasicAuth(config, headers);
    return { url: `${config.url}/write?${query}`, headers };
  }
  const query = new URLSearchParams({ org: config.org, bucket: config.bucket, precision: 'ns' });
  headers.Authorization = `Token ${config.token}`;
  return { url: `${config.url}/api/v2/write?${query}`, headers };
}

/** k6 creates the v1 database on start and ignores failure (it may exist, or the user may lack the right). */
export function createDatabaseRequest(config: InfluxV1Config): InfluxRequest & { readonly body: string } {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  addBasicAuth(config, headers);
  const identifier = `"${config.db.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return {
    url: `${config.url}/query`,
    headers,
    body: new URLSearchParams({ q: `CREATE DATABASE ${identifier}` }).toString(),
  };
}

function addBasicAuth(config: InfluxV1Config, headers: Record<string, string>): void {
  if (config.username === undefined && config.password === undefined) return;
  const credentials = `${config.username ?? ''}:${config.password ?? ''}`;
  headers.Authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}
