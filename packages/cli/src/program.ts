import { ExitCode } from '@fpt/engine';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { registerAgentCommand } from './commands/agent-command.js';
import { registerBaselineCommand } from './commands/baseline-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerDemoTargetCommand } from './commands/demo-target-command.js';
import { registerFleetCommand } from './commands/fleet-command.js';
import { registerGateCommand } from './commands/gate-command.js';
import { registerK6Command } from './commands/k6-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerValidateCommand } from './commands/validate-command.js';
import { version } from './version.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('fpt')
    .description(
      'FPT: performance checks written once as YAML presets, run from the CLI, CI or a regional agent.',
    )
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerRunCommand(program, io);
  registerDemoCommand(program, io);
  registerReportCommand(program, io);
  registerGateCommand(program, io);
  registerBaselineCommand(program, io);
  registerValidateCommand(program, io);
  registerSchemaCommand(program, io);
  registerK6Command(program, io);
  registerDemoTargetCommand(program, io);
  registerAgentCommand(program, io);
  registerFleetCommand(program, io);
  return program;
}

/** Runs the CLI; usage errors exit 104 like any invalid option, as k6 does. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        error.code,
      );
      io.setExitCode(helpOrVersion ? ExitCode.ok : ExitCode.invalidConfig);
      return;
    }
    io.stderr(`fpt: internal error: ${(error as Error).stack ?? String(error)}\n`);
    io.setExitCode(ExitCode.internalError);
  }
}
