import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode } from '@fpt/metrics';
import { convertToAwaited, formatScriptProblem } from '@fpt/script';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/**
 * `fpt k6 import script.js`: a plain k6 script in FPT's awaited form, which runs in FPT and, unchanged, in
 * k6. Exit 0 with the script written, or 104 with every place it could not convert and the rewrite to make.
 */
export function registerK6ImportCommand(k6: Command, io: CliIo): void {
  k6.command('import')
    .description(
      "Convert a plain (synchronous) k6 script into FPT's awaited form: await on every call that reaches a network call or sleep, async on every function holding one. The result runs in FPT and, unchanged, in k6. Exit 0, or 104 with each place it cannot convert.",
    )
    .argument('<script>', 'the k6 script (an ES module)')
    .option('-o, --output <file>', 'write the converted script here (default: standard output)')
    // `fpt k6` has its own -o, which commander may give the parent: read both.
    .action((script: string, _options: unknown, command: Command) => {
      io.setExitCode(importCommand(script, command.optsWithGlobals<{ output?: string }>().output, io));
    });
}

function importCommand(file: string, output: string | undefined, io: CliIo): number {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr(`fpt k6 import: cannot read ${file}: ${(error as Error).message}\n`);
    return ExitCode.invalidConfig;
  }
  const converted = convertToAwaited(source, file);
  if (converted.problems.length > 0) {
    const count = converted.problems.length;
    io.stderr(
      `fpt k6 import: ${file} cannot be converted as it is: ${count === 1 ? '1 place' : `${count} places`}\n`,
    );
    for (const problem of converted.problems) io.stderr(`${formatScriptProblem(problem)}\n`);
    return ExitCode.invalidConfig;
  }
  if (output === undefined) io.stdout(converted.code);
  else {
    try {
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, converted.code);
    } catch (error) {
      io.stderr(`fpt k6 import: cannot write ${output}: ${(error as Error).message}\n`);
      return ExitCode.invalidConfig;
    }
  }
  io.stderr(`${converted.awaited} call(s) awaited, ${converted.madeAsync} function(s) made async\n`);
  return ExitCode.ok;
}
