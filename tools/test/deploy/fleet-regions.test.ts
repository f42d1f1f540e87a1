import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Peer, parsePeerRegistry } from '@fpt/fleet';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  destinationRegions,
  type RegionMention,
  regionsInMarkdown,
  regionsInPreset,
  regionsInWorkflow,
  unknownRegions,
} from '../../test-support/deploy/fleet-regions.js';
import { envOf, get, loadBaseConfig, loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import { listRepoTree, readRepoFile, repoRoot } from '../../test-support/deploy/repo-files.js';

// One set of region names: the regions the deployed agents declare (FPT_REGION of each destination) are the
// only ones the peer registries, the seed presets, the workflows' defaults and the docs may name. A preset
// whose regions no agent serves runs nowhere by default; a workflow default or a doc example with such a
// region fails for whoever copies it.
const destinations = loadDestinations();
const regions = destinationRegions(destinations);
const ciPeersFile = 'config/peers.ci.yml';

const parsePeers = (text: string, source: string): Peer[] => parsePeerRegistry(text, source, {});
const agentPeers = parsePeers(envOf(loadBaseConfig().env).clear.FPT_PEERS ?? '', 'FPT_PEERS');
const ciPeers = parsePeers(readRepoFile(ciPeersFile), ciPeersFile);

const docs = [
  'README.md',
  ...listRepoTree('docs').filter((file) => file.endsWith('.md')),
  ...readdirSync(join(repoRoot, 'packages'))
    .map((pkg) => `packages/${pkg}/README.md`)
    .filter((file) => listRepoTree(file.replace(/\/README\.md$/, '')).includes(file)),
  'bench/README.md',
];

describe("the fleet's regions", () => {
  it('are declared by every destination (FPT_REGION)', () => {
    for (const destination of destinations)
      expect(envOf(destination.config.env).clear.FPT_REGION, destination.name).toMatch(
        /^[a-z0-9][a-z0-9-]*$/,
      );
    expect([...regions.keys()].sort()).toEqual(['far-a', 'near-a', 'near-b']);
  });

  it("are the agents' peer registry's (FPT_PEERS): a peer for each destination, in its region", () => {
    for (const destination of destinations) {
      const host = String(get(destination.config, 'proxy', 'host'));
      const peer = agentPeers.find((p) => p.host === host);
      expect(peer, `${destination.name}: no peer with host ${host}`).toBeDefined();
      expect(peer?.region, destination.name).toBe(envOf(destination.config.env).clear.FPT_REGION);
    }
    expect(
      unknownRegions(
        agentPeers.map((p) => mentionOf('config/deploy.yml FPT_PEERS', p)),
        regions,
      ),
    ).toEqual([]);
  });

  it(`are the CI registry's (${ciPeersFile}): the same peers over their public URLs, behind Access`, () => {
    const shape = (p: Peer) => [p.id, p.region, p.role, p.url];
    expect(ciPeers.map(shape)).toEqual(agentPeers.map(shape));
    for (const peer of ciPeers) {
      // A GitHub runner cannot take the private route; Cloudflare Access is in front of every public name.
      expect([
        peer.id,
        peer.privateUrl,
        peer.tokenEnv,
        peer.access?.clientIdEnv,
        peer.access?.clientSecretEnv,
      ]).toEqual([peer.id, null, 'FPT_AGENT_TOKEN', 'CF_ACCESS_CLIENT_ID', 'CF_ACCESS_CLIENT_SECRET']);
    }
  });

  it("are the only ones the perf-gate deep check's peers file names, and the step sets its variables", () => {
    const workflow = parse(readRepoFile('.github/workflows/perf-gate.yml')) as {
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const fleetRun = steps.filter((step) => /bin\.js"? fleet run /.test(step.run ?? ''));
    expect(fleetRun).toHaveLength(1);
    const env = fleetRun[0]!.env ?? {};
    expect(env.FPT_PEERS_FILE).toBe(ciPeersFile);
    const variables = new Set(
      ciPeers.flatMap((p) => [
        p.tokenEnv,
        ...(p.access ? [p.access.clientIdEnv, p.access.clientSecretEnv] : []),
      ]),
    );
    for (const variable of variables) expect(env[variable], variable).toBe(`\${{ secrets.${variable} }}`);
  });

  it('are the only ones the seed presets name', () => {
    const mentions = listRepoTree('presets')
      .filter((file) => /^presets\/[^/]+\.ya?ml$/.test(file))
      .flatMap((file) => regionsInPreset(file, readRepoFile(file)));
    expect(mentions.length).toBeGreaterThan(0);
    expect(unknownRegions(mentions, regions)).toEqual([]);
  });

  it("are the only ones the workflows' defaults name", () => {
    const mentions = listRepoTree('.github/workflows').flatMap((file) =>
      regionsInWorkflow(file, readRepoFile(file)),
    );
    expect(mentions.map((m) => m.text)).toContain('inputs.regions.default: near-a');
    expect(unknownRegions(mentions, regions)).toEqual([]);
  });

  it('are the only ones the docs name in their examples', () => {
    const mentions = docs.flatMap((file) => regionsInMarkdown(file, readRepoFile(file)));
    expect(mentions.filter((m) => m.file === 'docs/fleet.md').length).toBeGreaterThan(5);
    expect(unknownRegions(mentions, regions)).toEqual([]);
  });
});

describe('the region check', () => {
  it('finds a region no destination has in a doc, a preset and a workflow default', () => {
    const page = [
      'Run `fpt fleet run pr --regions near-a,eu-near` or:',
      '```sh',
      'FPT_REGION=us-east npx fpt agent   # region: prose-after-a-comment',
      '```',
      '```yaml',
      'peers:',
      '  - { id: a, region: near-b, url: "https://a.example.com" }',
      '  - { id: b, region: eu-far, url: "https://b.example.com" } # the same region: twice',
      '```',
      '```ts',
      'interface Row { region: string; regions: string[] } // "regions missing: old-region"',
      '```',
      'Thresholds filter on `{region:far-b}`; `FPT_REGION=<region>` is a placeholder.',
    ].join('\n');
    expect(unknownRegions(regionsInMarkdown('page.md', page), regions)).toEqual([
      `page.md:1: region eu-near (in "--regions near-a,eu-near") is no destination's FPT_REGION; the fleet's regions are ${[...regions.keys()].join(', ')}`,
      expect.stringMatching(/^page\.md:3: region us-east \(in "FPT_REGION=us-east"\)/),
      expect.stringMatching(/^page\.md:8: region eu-far \(in "region: eu-far"\)/),
      expect.stringMatching(/^page\.md:13: region far-b \(in "region:far-b"\)/),
    ]);
    const preset =
      'name: p\nthresholds:\n  "http_req_duration{region:us-west}": ["p(95)<500"]\nregions: [near-a, eu-second]\n';
    expect(unknownRegions(regionsInPreset('presets/p.yaml', preset), regions)).toEqual([
      expect.stringMatching(/^presets\/p\.yaml:4: region eu-second/),
      expect.stringMatching(/^presets\/p\.yaml:3: region us-west/),
    ]);
    const workflow =
      'on:\n  workflow_dispatch:\n    inputs:\n      regions:\n        default: eu-near\njobs:\n  a:\n    steps:\n      - run: fpt fleet run pr --regions far-a,us-east\n';
    expect(unknownRegions(regionsInWorkflow('w.yml', workflow), regions)).toEqual([
      expect.stringMatching(/^w\.yml:4: region eu-near \(in "inputs\.regions\.default: eu-near"\)/),
      expect.stringMatching(/^w\.yml:9: region us-east/),
    ]);
  });
});

function mentionOf(file: string, peer: Peer): RegionMention {
  return { file, line: 1, region: peer.region, text: `{id: ${peer.id}, region: ${peer.region}}` };
}
