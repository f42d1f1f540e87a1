import { loadPresetText } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { capacityWarnings } from '../src/capacity/capacity-warnings.js';
import { readSystemLimits } from '../src/capacity/system-limits.js';

const preset = (target: string, scenario: string) =>
  loadPresetText(
    `name: big
target:
  baseUrl: http://10.0.0.1:8080
${target}scenarios:
  s:
${scenario}
safety: { maxVUs: 100000, maxRequestRate: 1000000 }
`,
    'big.yaml',
  ).preset;

const vus = (n: number, requests = '      - { name: a, path: /a }') => `    executor: constant-vus
    vus: ${n}
    duration: 10s
    requests:
${requests}`;

const limits = { openFiles: 20_000, openFilesInUse: 30, ephemeralPorts: { low: 32768, high: 60999 } };
const whole = { index: 0, count: 1 };

describe('capacity before load', () => {
  it('says when the open-file limit cannot hold the connections (25,000 VUs under 20,000)', () => {
    const [warning] = capacityWarnings(preset('', vus(25_000)), whole, limits);
    expect(warning).toMatch(
      /25000 connections at once \(25000 VUs × 1 origin\), but the open-file limit is 20000/,
    );
    expect(warning).toMatch(/ulimit -n/);
    expect(capacityWarnings(preset('', vus(5_000)), whole, limits)).toEqual([]);
  });

  it('counts one connection per VU and origin, and only this process’s share of a split run', () => {
    const twoOrigins = vus(
      12_000,
      '      - { name: a, path: /a }\n      - { name: b, url: "http://10.0.0.2/b" }',
    );
    expect(capacityWarnings(preset('', twoOrigins), whole, limits)[0]).toMatch(
      /24000 connections .*12000 VUs × 2 origins/,
    );
    expect(capacityWarnings(preset('', twoOrigins), { index: 0, count: 2 }, limits)).toEqual([]);
  });

  it('says when one source address has too few ephemeral ports, and that more source addresses help', () => {
    const roomy = { ...limits, openFiles: 1_000_000 };
    const [ports] = capacityWarnings(preset('', vus(30_000)), whole, roomy);
    expect(ports).toMatch(
      /30000 connections go to one target address, but one source address has 28232 ephemeral ports \(32768–60999\)/,
    );
    expect(ports).toMatch(/target\.localAddresses/);
    expect(
      capacityWarnings(preset('  localAddresses: [10.0.1.1, 10.0.1.2]\n', vus(30_000)), whole, roomy),
    ).toEqual([]);
  });

  it('warns that a connection per request at a high rate runs out of ports in TIME_WAIT', () => {
    const openModel = `    executor: constant-arrival-rate
    rate: 1000
    duration: 30s
    preAllocatedVUs: 50
    requests:
      - { name: a, path: /a }`;
    const [timeWait] = capacityWarnings(preset('  connectionReuse: off\n', openModel), whole, limits);
    expect(timeWait).toMatch(/at 1000 requests\/s, 60000 ports wait in TIME_WAIT/);
    expect(capacityWarnings(preset('', openModel), whole, limits)).toEqual([]);
  });

  it('skips a check whose limit the system does not give', () => {
    expect(
      capacityWarnings(preset('', vus(50_000)), whole, {
        openFiles: undefined,
        openFilesInUse: undefined,
        ephemeralPorts: undefined,
      }),
    ).toEqual([]);
  });

  it('reads this machine’s limits from /proc', () => {
    const read = readSystemLimits();
    expect(read.openFiles).toBeGreaterThan(100);
    expect(read.openFilesInUse).toBeGreaterThan(2);
    expect(read.ephemeralPorts!.high).toBeGreaterThan(read.ephemeralPorts!.low);
  });
});
