import { ExitCode } from '@fpt/metrics';
import { formatProblem, loadPresetFile, PresetError } from '@fpt/preset';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { collectPairs } from '../parse-options.js';

export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description(
      'Check preset files: prints "ok" per valid file, or every problem with file:line:column. Exit 0 or 104.',
    )
    .argument('<files...>', 'preset files (YAML or JSON)')
    .option(
      '-e, --env <KEY=VALUE...>',
      'values for ${VAR} references (added to the environment)',
      collectPairs,
      {},
    )
    .addHelpText(
      'after',
      '\nExample:\n  fpt validate presets/*.yaml\n  fpt validate --env TARGET_URL=http://127.0.0.1:8080 my-check.yaml',
    )
    .action((files: string[], options: { env: Record<string, string> }) => {
      let failed = false;
      for (const file of files) {
        try {
          loadPresetFile(file, { env: { ...io.env, ...options.env } });
          io.stdout(`ok ${file}\n`);
        } catch (error) {
          if (!(error instanceof PresetError)) throw error;
          failed = true;
          const count = error.problems.length;
          io.stdout(`invalid ${file}: ${count === 1 ? '1 problem' : `${count} problems`}\n`);
          for (const problem of error.problems) io.stdout(`  ${formatProblem(problem)}\n`);
        }
      }
      io.setExitCode(failed ? ExitCode.invalidConfig : ExitCode.ok);
    });
}
