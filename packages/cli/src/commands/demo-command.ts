import { startDemoTarget } from '@fpt/testkit';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { runCommand } from './run-command.js';
import { addRunOptions, type RunCommandOptions } from './run-command-line.js';

/** The README's first command: the embedded demo target on a free loopback port, and a preset run against it. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  addRunOptions(
    program
      .command('demo')
      .description('Start the embedded demo target on loopback and run a preset against it (default: quick).')
      .argument('[preset]', 'preset file or name', 'quick'),
  ).action(async (preset: string, options: RunCommandOptions) => {
    const target = await startDemoTarget({ host: '127.0.0.1', port: 0 });
    io.stderr(`demo target on ${target.url}\n`);
    try {
      io.setExitCode(await runCommand(preset, { ...options, target: target.url }, io));
    } finally {
      await target.close();
    }
  });
}
