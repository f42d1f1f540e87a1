import type { PresetProblem } from './preset-error.js';

/**
 * The largest preset file the loader reads. The biggest shipped preset is a few KiB; a file a thousand
 * times that is data that belongs in a data file, or an attempt to make the parser, the agent's preset
 * listing or its readiness check spend seconds on one file. Data files (`data:`) and body files are not
 * presets and are not limited by this.
 */
export const maxPresetBytes = 1024 * 1024;

/** A problem when `text` is over the limit: checked before the YAML parser sees a byte of it. */
export function presetSizeProblem(text: string, shownPath: string): PresetProblem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxPresetBytes) return undefined;
  return {
    file: shownPath,
    line: 0,
    column: 0,
    fieldPath: '',
    message: `preset file is ${describeSize(bytes)}; presets are limited to 1 MiB (${maxPresetBytes} bytes)`,
    hint: 'move rows of data to a data file (data: [{ name, file }]) and large bodies to files (body: { file: ... }), which the preset names',
  };
}

function describeSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  // Just over the limit, "1.0 MiB" would read as within it: give the bytes.
  return mib < 1.05 ? `${bytes} bytes` : `${mib.toFixed(1)} MiB`;
}
