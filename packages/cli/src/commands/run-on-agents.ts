import { agentUrlsAccessEnv, peersFromUrls } from '@fpt/fleet';
import { ExitCode } from '@fpt/metrics';
import type { CliIo } from '../cli-io.js';
import { fleetRunCommand } from './fleet-run.js';
import type { RunCommandOptions } from './run-command-line.js';

/** Options that shape a run in this process; on remote agents each agent's own configuration decides. */
const localOnly: readonly [keyof RunCommandOptions, string, (value: unknown) => boolean][] = [
  ['workers', '--workers', (v) => v !== undefined],
  ['out', '--out', (v) => Array.isArray(v) && v.length > 0],
  ['allowTarget', '--allow-target', (v) => Array.isArray(v) && v.length > 0],
  ['segment', '--segment', (v) => v !== undefined],
  ['artifactsDir', '--artifacts-dir', (v) => v !== undefined],
  ['region', '--region', (v) => v !== undefined],
  ['env', '--env', (v) => typeof v === 'object' && v !== null && Object.keys(v).length > 0],
  ['liveIpc', '--live-ipc', (v) => v === true],
];

/**
 * `fpt run <preset> --agents <url,...>`: the CLI coordinates the listed agents (each in the region its
 * FPT_REGION says; several in one region share its load) and gates on the merged verdict. With no registry to
 * name variables, the token is FPT_PEER_TOKEN and a Cloudflare Access service token CF_ACCESS_CLIENT_ID and
 * CF_ACCESS_CLIENT_SECRET, sent to the listed agents when both are set.
 */
export async function runOnAgents(preset: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  const refused = localOnly.filter(([key, , set]) => set(options[key])).map(([, flag]) => flag);
  if (refused.length > 0) {
    io.stderr(
      `fpt: ${refused.join(', ')} ${refused.length === 1 ? 'shapes' : 'shape'} a run in this process, not on remote agents\n  hint: leave ${refused.length === 1 ? 'it' : 'them'} out with --agents; each agent's own settings (FPT_RUN_WORKERS, FPT_OUT, FPT_ALLOW_TARGETS, FPT_REGION) apply there\n`,
    );
    return ExitCode.invalidConfig;
  }
  const urls = (options.agents ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  const bad = urls.filter((url) => !/^https?:\/\/[^/\s]+/.test(url) || !URL.canParse(url));
  if (urls.length === 0 || bad.length > 0) {
    io.stderr(
      `fpt: --agents needs agent URLs${bad.length > 0 ? `; not a URL: ${bad.join(', ')}` : ''}\n  hint: e.g. --agents https://near-a.fpt.example.com,https://far-a.fpt.example.com (token in FPT_PEER_TOKEN; behind Cloudflare Access, its service token in ${agentUrlsAccessEnv.clientIdEnv} and ${agentUrlsAccessEnv.clientSecretEnv})\n`,
    );
    return ExitCode.invalidConfig;
  }
  const { clientIdEnv, clientSecretEnv } = agentUrlsAccessEnv;
  const [hasId, hasSecret] = [Boolean(io.env[clientIdEnv]), Boolean(io.env[clientSecretEnv])];
  if (hasId !== hasSecret) {
    io.stderr(
      `fpt: ${hasId ? clientIdEnv : clientSecretEnv} is set but ${hasId ? clientSecretEnv : clientIdEnv} is not\n  hint: a Cloudflare Access service token is both; set the two, or neither when the agents are not behind Access\n`,
    );
    return ExitCode.invalidConfig;
  }
  const peers = await peersFromUrls(urls, io.env);
  return fleetRunCommand(
    { preset, regions: [...new Set(peers.map((peer) => peer.region))], peers, flags: options },
    io,
  );
}
