import type { RunOverrides } from '@fpt/api-types';

/** What the Run form holds: text as typed, empty meaning "as the preset says". */
export interface OverrideFields {
  readonly vus: string;
  readonly duration: string;
  readonly target: string;
}

export type ParsedOverrides =
  | { readonly ok: true; readonly overrides: RunOverrides | undefined }
  | { readonly ok: false; readonly problems: string[] };

// k6's duration syntax: one or more number+unit parts, e.g. 30s, 1m30s, 1.5h.
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/** The form's overrides checked before they are sent, each problem in words with the fix. */
export function parseOverrides(fields: OverrideFields): ParsedOverrides {
  const problems: string[] = [];
  const overrides: { vus?: number; duration?: string; target?: string } = {};
  const vus = fields.vus.trim();
  if (vus !== '') {
    const value = Number(vus);
    if (!Number.isSafeInteger(value) || value < 1)
      problems.push(`VUs "${vus}" is not a whole number of at least 1; leave it empty to keep the preset's.`);
    else overrides.vus = value;
  }
  const duration = fields.duration.trim();
  if (duration !== '') {
    if (!DURATION.test(duration))
      problems.push(`Duration "${duration}" is not a duration: write it as 30s, 5m or 1m30s.`);
    else overrides.duration = duration;
  }
  const target = fields.target.trim();
  if (target !== '') {
    let url: URL | undefined;
    try {
      url = new URL(target);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      problems.push(`Target "${target}" is not an http(s) URL, e.g. http://127.0.0.1:8787.`);
    else overrides.target = target;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, overrides: Object.keys(overrides).length > 0 ? overrides : undefined };
}
