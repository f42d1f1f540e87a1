import { ExitCode } from '@fpt/metrics';
import { type DemoTargetRouteName, demoTargetLimits, demoTargetRoutes, startDemoTarget } from '@fpt/testkit';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { collectPairs, positiveInteger } from '../parse-options.js';

export function registerDemoTargetCommand(program: Command, io: CliIo): void {
  program
    .command('demo-target')
    .description(
      'Serve the demo target: endpoints that are fast, slow, failing, GraphQL, pages, faults (GET / lists them).',
    )
    .option('--host <address>', 'address to listen on (loopback by default)', '127.0.0.1')
    .option('--port <port>', 'port to listen on', positiveInteger, 8787)
    .option(
      '--slow <ROUTE=MS...>',
      `answer one route MS later than usual, to try the baseline gate (repeatable), e.g. --slow items-get=60; routes: ${[...new Set(demoTargetRoutes.map((route) => route.name))].join(', ')}`,
      collectPairs,
      {},
    )
    .action(async (options: { host: string; port: number; slow: Record<string, string> }) => {
      let routeDelaysMs: Partial<Record<DemoTargetRouteName, number>>;
      try {
        routeDelaysMs = parseRouteDelays(options.slow);
      } catch (error) {
        io.stderr(`fpt demo-target: ${(error as Error).message}\n`);
        io.setExitCode(ExitCode.invalidConfig);
        return;
      }
      const target = await startDemoTarget({ host: options.host, port: options.port, routeDelaysMs });
      io.stdout(`demo target listening on ${target.url} (Ctrl+C to stop)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await target.close();
    });
}

function parseRouteDelays(pairs: Record<string, string>): Partial<Record<DemoTargetRouteName, number>> {
  const names = new Set<string>(demoTargetRoutes.map((r) => r.name));
  const delays: Partial<Record<DemoTargetRouteName, number>> = {};
  for (const [route, ms] of Object.entries(pairs)) {
    if (!names.has(route))
      throw new RangeError(`unknown route "${route}" in --slow; one of: ${[...names].join(', ')}`);
    const delayMs = Number(ms);
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > demoTargetLimits.maxDelayMs)
      throw new RangeError(
        `--slow ${route}=${ms}: expected a whole number of milliseconds from 0 to ${demoTargetLimits.maxDelayMs}`,
      );
    delays[route as DemoTargetRouteName] = delayMs;
  }
  return delays;
}
