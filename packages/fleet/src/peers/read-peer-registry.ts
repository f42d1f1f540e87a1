import { readFileSync } from 'node:fs';
import { parsePeerRegistry } from './parse-peer-registry.js';
import type { Peer } from './peer.js';
import { PeerRegistryError } from './peer-registry-error.js';

/**
 * The fleet's peers from the environment: the file FPT_PEERS_FILE names, then the inline registry in
 * FPT_PEERS (the same YAML, e.g. `[{id: a, region: eu, url: "https://a.example.com"}]`). Both may be set;
 * ids must be unique across them. Neither set: no peers.
 */
export function readPeerRegistry(env: Readonly<Record<string, string | undefined>>): Peer[] {
  const peers: Peer[] = [];
  const file = env.FPT_PEERS_FILE?.trim();
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new PeerRegistryError(
        `FPT_PEERS_FILE ${file}`,
        [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`],
        'point FPT_PEERS_FILE at the peers YAML file (see docs/fleet.md), or unset it',
      );
    }
    peers.push(...parsePeerRegistry(text, `FPT_PEERS_FILE ${file}`, env));
  }
  const inline = env.FPT_PEERS?.trim();
  if (inline) peers.push(...parsePeerRegistry(inline, 'FPT_PEERS', env));
  const ids = peers.map((peer) => peer.id);
  const repeated = ids.filter((id, position) => ids.indexOf(id) !== position);
  if (repeated.length > 0) {
    throw new PeerRegistryError(
      'FPT_PEERS_FILE and FPT_PEERS',
      [`peer ids appear in both: ${[...new Set(repeated)].join(', ')}`],
      'name each peer once, in the file or in FPT_PEERS',
    );
  }
  return peers;
}
