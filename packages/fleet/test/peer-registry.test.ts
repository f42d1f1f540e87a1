import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PeerRegistryError, parsePeerRegistry, peerView, readPeerRegistry } from '../src/index.js';

function problemsOf(text: string, env: Record<string, string> = {}): readonly string[] {
  try {
    parsePeerRegistry(text, 'peers.yaml', env);
  } catch (error) {
    if (error instanceof PeerRegistryError) return error.problems;
    throw error;
  }
  return [];
}

describe('the peer registry', () => {
  it('reads peers with their region, role, routes and the token from the variable each names', () => {
    const peers = parsePeerRegistry(
      `peers:
  - id: near-a
    region: eu-near
    role: baseline
    url: https://eu-near.fpt.example.com/
  - id: far-a
    region: eu-far
    role: far
    url: https://eu-far.fpt.example.com
    privateUrl: http://10.0.2.5:8790
    tokenEnv: FAR_TOKEN
  - id: far-b
    region: eu-far
    url: https://eu-far-b.fpt.example.com
    privateUrl: https://10.0.2.6
    host: edge.fpt.example.com
`,
      'peers.yaml',
      { FPT_PEER_TOKEN: 'shared', FAR_TOKEN: 'far-only' },
    );
    expect(
      peers.map((p) => [p.id, p.region, p.role, p.url, p.privateUrl, p.host, p.tokenEnv, p.token]),
    ).toEqual([
      [
        'near-a',
        'eu-near',
        'baseline',
        'https://eu-near.fpt.example.com',
        null,
        null,
        'FPT_PEER_TOKEN',
        'shared',
      ],
      // The Host on a private route defaults to the public host, which the proxy in front routes by.
      [
        'far-a',
        'eu-far',
        'far',
        'https://eu-far.fpt.example.com',
        'http://10.0.2.5:8790',
        'eu-far.fpt.example.com',
        'FAR_TOKEN',
        'far-only',
      ],
      [
        'far-b',
        'eu-far',
        null,
        'https://eu-far-b.fpt.example.com',
        'https://10.0.2.6',
        'edge.fpt.example.com',
        'FPT_PEER_TOKEN',
        'shared',
      ],
    ]);
    // What the API shows: no token, no private address.
    expect(JSON.stringify(peers.map(peerView))).not.toMatch(/shared|far-only|10\.0\.2/);
    expect(peerView(peers[1]!).route).toBe('private');
  });

  it('accepts a bare list (the inline FPT_PEERS form) and an empty document', () => {
    expect(
      parsePeerRegistry('[{id: a, region: eu, url: "http://127.0.0.1:1"}]', 'FPT_PEERS', {}),
    ).toHaveLength(1);
    expect(parsePeerRegistry('', 'FPT_PEERS', {})).toEqual([]);
  });

  it('refuses a literal token, and lists every other problem at once', () => {
    const problems = problemsOf(`peers:
  - id: a
    region: eu near
    url: ftp://a.example.com
    token: s3cret
    role: boss
    colour: blue
  - id: b
    region: eu
    url: https://user:pw@b.example.com
    host: b.example.com
  - region: eu
  - id: c
    region: eu
    url: https://c.example.com
  - id: c
    region: eu
    url: https://c2.example.com
`);
    expect(problems).toEqual([
      expect.stringMatching(/peers\[0\] \(a\)\.token: a token does not belong in the registry.*tokenEnv/),
      expect.stringMatching(/peers\[0\] \(a\)\.colour: unknown field/),
      expect.stringMatching(/peers\[0\] \(a\)\.region: use letters/),
      expect.stringMatching(/peers\[0\] \(a\)\.role: "boss" is not a role; use baseline, confirm, far/),
      expect.stringMatching(/peers\[0\] \(a\)\.url: use http:\/\/ or https:\/\//),
      expect.stringMatching(/peers\[1\] \(b\)\.url: credentials do not belong/),
      expect.stringMatching(/peers\[1\] \(b\)\.host: only used on the private route/),
      'peers[2].id: missing',
      'peers[2].url: missing',
      'peer id c appears more than once; ids must be unique',
    ]);
  });

  it('says what it expected when the document is not a list of peers', () => {
    expect(problemsOf('peers: 3')).toEqual(['expected a list of peers, or {peers: [...]}']);
    expect(problemsOf('peers: [')).toEqual([expect.stringMatching(/^not YAML/)]);
  });

  describe('from the environment', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    it('joins FPT_PEERS_FILE and FPT_PEERS, refusing an id named in both', () => {
      const dir = mkdtempSync(join(tmpdir(), 'fpt-peers-'));
      dirs.push(dir);
      const file = join(dir, 'peers.yaml');
      writeFileSync(file, '- {id: a, region: eu, url: "https://a.example.com"}\n');
      const both = readPeerRegistry({
        FPT_PEERS_FILE: file,
        FPT_PEERS: '[{id: b, region: us, url: "https://b.example.com"}]',
      });
      expect(both.map((p) => p.id)).toEqual(['a', 'b']);
      expect(() =>
        readPeerRegistry({
          FPT_PEERS_FILE: file,
          FPT_PEERS: '[{id: a, region: us, url: "https://x.example.com"}]',
        }),
      ).toThrow(/peer ids appear in both: a/);
      expect(readPeerRegistry({})).toEqual([]);
    });

    it('names a peers file it cannot read', () => {
      expect(() => readPeerRegistry({ FPT_PEERS_FILE: '/nonexistent/peers.yaml' })).toThrow(
        /FPT_PEERS_FILE \/nonexistent\/peers.yaml: cannot be read: ENOENT/,
      );
    });
  });
});
