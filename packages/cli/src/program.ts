import { ExitCode } from '@fpt/metrics';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { version } from './version.js';

type RegisterCommand = (program: Command, io: CliIo) => void;

/**
 * Each command's module, loaded only when needed: `fpt run` need not load the agent's web server, the
 * fleet, the gate or the k6 exporter, and every command starts faster for it (a run's fixed start-up cost
 * is CPU a short load test cannot spend on requests). Help lists them all, so it loads them all.
 */
const commandModules: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  run: async () => (await import('./commands/run-command-line.js')).registerRunCommand,
  demo: async () => (await import('./commands/demo-command.js')).registerDemoCommand,
  report: async () => (await import('./commands/report-command.js')).registerReportCommand,
  gate: async () => (await import('./commands/gate-command.js')).registerGateCommand,
  baseline: async () => (await import('./commands/baseline-command.js')).registerBaselineCommand,
  validate: async () => (await import('./commands/validate-command.js')).registerValidateCommand,
  schema: async () => (await import('./commands/schema-command.js')).registerSchemaCommand,
  k6: async () => (await import('./commands/k6-command.js')).registerK6Command,
  'demo-target': async () => (await import('./commands/demo-target-command.js')).registerDemoTargetCommand,
  agent: async () => (await import('./commands/agent-command.js')).registerAgentCommand,
  fleet: async () => (await import('./commands/fleet-command.js')).registerFleetCommand,
  merge: async () => (await import('./commands/merge-command.js')).registerMergeCommand,
};

/**
 * The CLI with its commands: only `command` when it names one (what `argv[0]` asks for), else all of
 * them (for help, the version and the "did you mean" of an unknown command).
 */
export async function buildProgram(io: CliIo, command?: string): Promise<Command> {
  const program = new Command('fpt')
    .description(
      'FPT: performance checks written once as YAML presets, run from the CLI, CI or a regional agent.',
    )
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const wanted =
    command !== undefined && Object.hasOwn(commandModules, command)
      ? [commandModules[command]!]
      : Object.values(commandModules);
  for (const register of await Promise.all(wanted.map((load) => load()))) register(program, io);
  return program;
}

/** Runs the CLI; usage errors exit 104 like any invalid option, as k6 does. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<void> {
  // The version needs no command module: answering it loads none (CI scripts ask it often).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout(`${version}\n`);
    return;
  }
  const program = await buildProgram(io, argv[0]);
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
