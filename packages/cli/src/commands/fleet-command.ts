import { ExitCode } from '@fpt/engine';
import {
  defaultRegions,
  fleetStatus,
  missingAccessVariables,
  type Peer,
  PeerRegistryError,
  presetRegionsFromPeers,
  readPeerRegistry,
} from '@fpt/fleet';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { collectPairs, positiveInteger } from '../parse-options.js';
import { agentPresetName, type FleetRunFlags, fleetRunCommand } from './fleet-run.js';

interface FleetRunOptions extends FleetRunFlags {
  regions?: string;
}

/** `fpt fleet status` and `fpt fleet run`, over the peers of FPT_PEERS_FILE / FPT_PEERS (docs/fleet.md). */
export function registerFleetCommand(program: Command, io: CliIo): void {
  const fleet = program
    .command('fleet')
    .description(
      'The regional fleet: peer status, and runs across regions merged into one verdict (docs/fleet.md).',
    );
  fleet
    .command('status')
    .description(
      'Health, region, version and busy state of every peer; an unreachable peer is shown within seconds.',
    )
    .option('--json', 'print the peers as JSON')
    .action(async (options: { json?: boolean }) => {
      const peers = registry(io);
      if (!peers) return;
      const states = await fleetStatus(peers);
      if (options.json) {
        io.stdout(`${JSON.stringify({ peers: states }, null, 2)}\n`);
        return;
      }
      for (const peer of states) {
        const facts =
          peer.health === 'ok'
            ? `ok  ${peer.agentId} v${peer.version}  ${peer.busy ? `busy (run ${peer.runId})` : 'idle'}${peer.regionMismatch ? `  WARN ${peer.regionMismatch}` : ''}`
            : `${peer.health.toUpperCase()}  ${peer.detail}`;
        io.stdout(
          `${peer.region.padEnd(14)} ${peer.id.padEnd(20)} ${(peer.role ?? '').padEnd(8)} ${peer.url}  ${facts}\n`,
        );
      }
    });
  fleet
    .command('run')
    .description(
      'Run a preset on the agents of several regions and merge one verdict. Exit 0 passed, 99 thresholds crossed, 97 regions missing, 105 stopped.',
    )
    .argument('<preset>', 'a preset or script name the agents have (a path is reduced to its file name)')
    .option(
      '--regions <a,b>',
      "regions to run in (default: the preset's regions, else every region of the registry)",
    )
    .option('--vus <n>', 'override the VU count (each region; split across its agents)', positiveInteger)
    .option('--duration <duration>', 'override the duration, e.g. 30s')
    .option('--iterations <n>', 'override iterations (each region)', positiveInteger)
    .option('--rate <n>', 'override the arrival rate (each region)', positiveInteger)
    .option('--target <url>', 'base URL of the target (each agent checks it against its allowlist)')
    .option(
      '--tag <KEY=VALUE...>',
      'tag added to every sample of every region (repeatable)',
      collectPairs,
      {},
    )
    .option('--summary-export <file>', 'write the merged summary JSON (with fpt.fleet)')
    .option('--report <file.html>', 'write the merged HTML report, regions side by side')
    .option('--junit <file.xml>', 'write JUnit XML: thresholds, checks, and one case per region')
    .option('--metrics-export <file>', 'write the merged series (encoded histograms)')
    .option('-q, --quiet', 'no progress lines')
    .addOption(new Option('--no-color', 'no colours in the summary'))
    .addHelpText(
      'after',
      '\nExamples:\n  FPT_PEERS_FILE=peers.yaml FPT_PEER_TOKEN=... fpt fleet run pr --regions near-a,far-a --junit out/junit.xml\n  FPT_PEERS_FILE=config/peers.ci.yml FPT_AGENT_TOKEN=... CF_ACCESS_CLIENT_ID=... CF_ACCESS_CLIENT_SECRET=... fpt fleet run standard\n\nA peer whose registry entry names accessClientIdEnv and accessClientSecretEnv is sent that Cloudflare Access service token (docs/fleet.md).',
    )
    .action(async (preset: string, options: FleetRunOptions) => {
      const peers = registry(io);
      if (!peers) return;
      const regions = options.regions
        ? options.regions
            .split(',')
            .map((r) => r.trim())
            .filter((r) => r !== '')
        : defaultRegions(await presetRegionsFromPeers(agentPresetName(preset), peers), peers);
      io.setExitCode(await fleetRunCommand({ preset, regions, peers, flags: options }, io));
    });
}

/** The peers, or undefined after saying what is wrong with the registry (exit 104). */
function registry(io: CliIo): Peer[] | undefined {
  try {
    const peers = readPeerRegistry(io.env);
    if (peers.length > 0) {
      for (const missing of missingAccessVariables(peers)) {
        io.stderr(
          `fpt fleet: warning: ${missing.variables.join(' and ')} ${missing.variables.length === 1 ? 'is' : 'are'} not set, so ${missing.peers.join(', ')} ${missing.peers.length === 1 ? 'gets' : 'get'} no Cloudflare Access service token (the peer registry names ${missing.variables.length === 1 ? 'it' : 'them'}); Access will refuse ${missing.peers.length === 1 ? 'it' : 'them'}\n`,
        );
      }
      return peers;
    }
    io.stderr(
      'fpt fleet: no peers: set FPT_PEERS_FILE to a peers YAML file, or FPT_PEERS (see docs/fleet.md)\n',
    );
  } catch (error) {
    if (!(error instanceof PeerRegistryError)) throw error;
    io.stderr(`fpt fleet: ${error.message}\n  hint: ${error.hint}\n`);
  }
  io.setExitCode(ExitCode.invalidConfig);
  return undefined;
}
