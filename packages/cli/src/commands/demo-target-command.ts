import { startDemoTarget } from '@fpt/testkit';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { positiveInteger } from '../parse-options.js';

export function registerDemoTargetCommand(program: Command, io: CliIo): void {
  program
    .command('demo-target')
    .description(
      'Serve the demo target: endpoints that are fast, slow, failing, GraphQL, pages, faults (GET / lists them).',
    )
    .option('--host <address>', 'address to listen on (loopback by default)', '127.0.0.1')
    .option('--port <port>', 'port to listen on', positiveInteger, 8787)
    .action(async (options: { host: string; port: number }) => {
      const target = await startDemoTarget({ host: options.host, port: options.port });
      io.stdout(`demo target listening on ${target.url} (Ctrl+C to stop)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await target.close();
    });
}
