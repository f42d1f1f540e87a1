import { parse } from 'yaml';
import { type Destination, envOf } from './kamal-fleet.js';
import { isRecord } from './key-schema.js';

/** A region name found in a file, where, and in what form. */
export interface RegionMention {
  readonly file: string;
  readonly line: number;
  readonly region: string;
  /** The text that names it, e.g. `--regions near-a,far-a`. */
  readonly text: string;
}

/** The fleet's regions: each destination's FPT_REGION (config/deploy.<destination>.yml). */
export function destinationRegions(destinations: readonly Destination[]): Map<string, string[]> {
  const regions = new Map<string, string[]>();
  for (const destination of destinations) {
    const region = envOf(destination.config.env).clear.FPT_REGION;
    if (region === undefined) continue;
    regions.set(region, [...(regions.get(region) ?? []), destination.name]);
  }
  return regions;
}

const name = '[A-Za-z0-9][A-Za-z0-9_.-]*';
/** Words that follow `region:` in a type listing or a JSON example without being a region. */
const notNames = new Set(['string', 'null', 'undefined', 'true', 'false']);

/**
 * Every form in which FPT's files name a region: the CLI's `--regions a,b` and `--region a`, a preset's or a
 * request's `regions: [a, b]` (YAML, JSON, JavaScript; `missingRegions` too), `region: a` (a peer registry
 * entry, a JSON field, a threshold filter `{region:a}`), FPT_REGION=a, a `region=a` tag, and a fleet run's
 * coordinator `"a/agent-id"`. Placeholders (`<region>`, `$REGIONS`, `${{ inputs.regions }}`) name none.
 */
const listForms = [
  new RegExp(`--regions[ =](${name}(?:,${name})*)`, 'g'),
  /(?:\b|["'])(?:regions|missingRegions)["']?\s*:\s*\[([^\]\n]*)\]/g,
];
const singleForms = [
  new RegExp(`--region[ =](${name})`, 'g'),
  new RegExp(`\\bregion["']?\\s*:\\s*["']?(${name})`, 'g'),
  new RegExp(`\\bFPT_REGION\\s*[=:]\\s*["']?(${name})`, 'g'),
  new RegExp(`\\bregion=(${name})`, 'g'),
  new RegExp(`"coordinator"\\s*:\\s*"(${name})/`, 'g'),
];

/** The regions one piece of code or configuration names, with the text that names each. */
export function regionsInCode(code: string): { region: string; text: string }[] {
  const found: { region: string; text: string }[] = [];
  for (const form of listForms) {
    for (const match of code.matchAll(form)) {
      for (const item of match[1]!.split(',')) {
        const region = item.trim().replace(/^["']|["']$/g, '');
        if (new RegExp(`^${name}$`).test(region)) found.push({ region, text: match[0] });
      }
    }
  }
  for (const form of singleForms) {
    for (const match of code.matchAll(form)) {
      if (!notNames.has(match[1]!)) found.push({ region: match[1]!, text: match[0] });
    }
  }
  return found;
}

/**
 * The regions a Markdown page names in its code: fenced blocks (comments left out: `# a second agent in
 * the same region: the region's load` is prose) and inline code spans. Prose outside code is not read.
 */
export function regionsInMarkdown(file: string, text: string): RegionMention[] {
  const mentions: RegionMention[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const opening = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(raw);
    if (opening) {
      fence = fence === null ? (opening[2] ?? '') : null;
      return;
    }
    const pieces =
      fence !== null
        ? [withoutComment(raw, fence)]
        : [...raw.matchAll(/(`+)([^`]+?)\1/g)].map((match) => match[2]!);
    for (const piece of pieces) {
      for (const found of regionsInCode(piece)) mentions.push({ file, line, ...found });
    }
  });
  return mentions;
}

function withoutComment(line: string, language: string): string {
  if (language === 'json') return line;
  if (/^(ts|typescript|js|javascript|mjs)$/.test(language)) return line.replace(/(^|\s)\/\/.*$/, '');
  return line.replace(/(^|\s)#.*$/, '');
}

/** The regions of a preset file: its `regions` list and the region filters of its thresholds. */
export function regionsInPreset(file: string, text: string): RegionMention[] {
  const mentions: RegionMention[] = [];
  const lineOf = (needle: string) => Math.max(1, text.split('\n').findIndex((l) => l.includes(needle)) + 1);
  const document = parse(text) as unknown;
  if (!isRecord(document)) return regionsInCode(text).map((found) => ({ file, line: 1, ...found }));
  if (Array.isArray(document.regions)) {
    for (const region of document.regions.map(String)) {
      mentions.push({
        file,
        line: lineOf('regions'),
        region,
        text: `regions: [${document.regions.join(', ')}]`,
      });
    }
  }
  if (isRecord(document.thresholds)) {
    for (const key of Object.keys(document.thresholds)) {
      for (const found of regionsInCode(key)) mentions.push({ file, line: lineOf(key), ...found });
    }
  }
  return mentions;
}

/** A workflow's region defaults (`workflow_dispatch` inputs named region or regions) and its literal `--regions`. */
export function regionsInWorkflow(file: string, text: string): RegionMention[] {
  const mentions: RegionMention[] = [];
  const lines = text.split('\n');
  const workflow = parse(text) as unknown;
  const on = isRecord(workflow) ? workflow.on : undefined;
  const dispatch = isRecord(on) ? on.workflow_dispatch : undefined;
  const inputs = isRecord(dispatch) && isRecord(dispatch.inputs) ? dispatch.inputs : {};
  for (const [input, spec] of Object.entries(inputs)) {
    if (!/^regions?$/.test(input) || !isRecord(spec) || typeof spec.default !== 'string') continue;
    const line = lines.findIndex((l) => new RegExp(`^\\s+${input}:\\s*$`).test(l)) + 1;
    for (const region of spec.default.split(',').map((r) => r.trim())) {
      if (region !== '')
        mentions.push({ file, line, region, text: `inputs.${input}.default: ${spec.default}` });
    }
  }
  lines.forEach((raw, index) => {
    for (const found of regionsInCode(withoutComment(raw, 'yaml'))) {
      if (found.text.startsWith('--region')) mentions.push({ file, line: index + 1, ...found });
    }
  });
  return mentions;
}

/** Mentions of regions no destination declares, one sentence each. */
export function unknownRegions(
  mentions: readonly RegionMention[],
  known: ReadonlyMap<string, unknown>,
): string[] {
  const names = [...known.keys()].join(', ');
  return mentions
    .filter((mention) => !known.has(mention.region))
    .map(
      (mention) =>
        `${mention.file}:${mention.line}: region ${mention.region} (in "${mention.text}") is no destination's FPT_REGION; the fleet's regions are ${names}`,
    );
}
