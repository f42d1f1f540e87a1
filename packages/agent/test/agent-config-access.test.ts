import { describe, expect, it } from 'vitest';
import { readAgentConfig } from '../src/config/agent-config.js';
import { AgentConfigError } from '../src/config/agent-config-error.js';

// An agent that reaches a peer through Cloudflare Access holds that Access service token as it holds the
// peer token: in variables its peer registry names. Like the peer token, it stays the agent's.
describe("an agent's Cloudflare Access service token", () => {
  const base = { FPT_DATA_DIR: '/tmp/fpt-unused', PATH: '/usr/bin', HOME: '/home/fpt' };
  const peers =
    '[{id: far-a, region: far-a, url: "https://far-a.example.test", accessClientIdEnv: CF_ACCESS_CLIENT_ID, accessClientSecretEnv: CF_ACCESS_CLIENT_SECRET}]';
  const access = { CF_ACCESS_CLIENT_ID: 'id.access', CF_ACCESS_CLIENT_SECRET: 'cf-secret' };

  it('is read from the variables the registry names, for the peer that names them', () => {
    const config = readAgentConfig({ ...base, ...access, FPT_PEERS: peers });
    expect(config.peers[0]?.access).toEqual({
      clientIdEnv: 'CF_ACCESS_CLIENT_ID',
      clientSecretEnv: 'CF_ACCESS_CLIENT_SECRET',
      clientId: 'id.access',
      clientSecret: 'cf-secret',
    });
  });

  it("never reaches a run's process", () => {
    const config = readAgentConfig({ ...base, ...access, FPT_PEERS: peers, FPT_PRESET_ENV: 'API_KEY' });
    expect(Object.keys(config.runEnv)).not.toContain('CF_ACCESS_CLIENT_ID');
    expect(Object.values(config.runEnv)).not.toContain('cf-secret');
  });

  it.each(['CF_ACCESS_CLIENT_ID', 'CF_ACCESS_CLIENT_SECRET'])(
    'refuses FPT_PRESET_ENV naming %s, so that no preset can copy it',
    (name) => {
      let refusal: unknown;
      try {
        readAgentConfig({ ...base, ...access, FPT_PEERS: peers, FPT_PRESET_ENV: `API_KEY,${name}` });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(AgentConfigError);
      expect((refusal as AgentConfigError).message).toMatch(
        new RegExp(`${name} \\(it holds a secret of the agent`),
      );
    },
  );
});
