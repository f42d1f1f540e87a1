import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportK6Script } from '@fpt/k6-export';
import { ExitCode } from '@fpt/metrics';
import { formatProblem, type LoadedPreset, loadPresetFile, PresetError } from '@fpt/preset';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { collectPairs } from '../parse-options.js';
import { resolvePresetPath } from '../resolve-preset-path.js';
import { registerK6ImportCommand } from './k6-import-command.js';

interface K6CommandOptions {
  output?: string;
  env: Record<string, string>;
}

export function registerK6Command(program: Command, io: CliIo): void {
  const k6 = program
    .command('k6')
    .description(
      'Write a k6 script (ES module) equivalent to a preset: scenarios, thresholds, tags, requests, checks, browser journeys. What k6 cannot express is a warning on stderr and a comment in the script. Exit 0, or 104 for an invalid preset or a file that cannot be written.',
    )
    // Commander would print "[options] [command] <preset>"; the import subcommand is listed under Commands.
    .usage('[options] <preset>')
    .argument('<preset>', 'a preset file, or a preset name found in $FPT_PRESETS_DIR or ./presets')
    .option('-o, --output <file>', 'write the script to this file (default: standard output)')
    .option(
      '-e, --env <KEY=VALUE...>',
      'values for ${VAR} in the preset, else their defaults; the shell environment is not read, so secrets do not end up in the script',
      collectPairs,
      {},
    )
    .addHelpText(
      'after',
      '\nExamples:\n  fpt k6 quick -o quick.js && k6 run quick.js\n  fpt k6 presets/api.yaml -o api.js && k6 run -e TARGET_URL=https://staging.example.com -e FPT_REGION=eu-west api.js\n  fpt k6 import legacy.js -o flow.js && fpt run flow.js',
    )
    .action((preset: string, options: K6CommandOptions) => {
      io.setExitCode(k6Command(preset, options, io));
    });
  registerK6ImportCommand(k6, io);
}

function k6Command(presetReference: string, options: K6CommandOptions, io: CliIo): number {
  const file = resolvePresetPath(presetReference, io.env);
  let loaded: LoadedPreset;
  try {
    loaded = loadPresetFile(file, { env: options.env });
  } catch (error) {
    if (!(error instanceof PresetError)) throw error;
    const count = error.problems.length;
    io.stderr(`invalid preset ${file}: ${count === 1 ? '1 problem' : `${count} problems`}\n`);
    for (const problem of error.problems) io.stderr(`  ${formatProblem(problem)}\n`);
    return ExitCode.invalidConfig;
  }
  const scripted = Object.entries(loaded.preset.scenarios).find(([, spec]) => spec.exec !== undefined);
  if (scripted) {
    io.stderr(
      `fpt k6: scenario ${scripted[0]} runs a function of a k6-style script, which is k6 code already\n  hint: run the script with k6 itself (k6 run flow.js): the awaits FPT needs pass through k6 unchanged (docs/scripts.md)\n`,
    );
    return ExitCode.invalidConfig;
  }
  const { script, warnings } = exportK6Script(loaded);
  for (const warning of warnings) io.stderr(`warning: ${warning.field}: ${warning.message}\n`);
  if (options.output === undefined) {
    io.stdout(script);
    return ExitCode.ok;
  }
  try {
    mkdirSync(dirname(options.output), { recursive: true });
    writeFileSync(options.output, script);
  } catch (error) {
    io.stderr(
      `fpt k6: cannot write ${options.output}: ${(error as Error).message}\n  hint: check that the folder can be created and written\n`,
    );
    return ExitCode.invalidConfig;
  }
  io.stderr(`k6 script written to ${options.output} (run it with: k6 run ${options.output})\n`);
  return ExitCode.ok;
}
