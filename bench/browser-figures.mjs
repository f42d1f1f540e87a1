// Browser figures for the browser issue: launch time, time per iteration of the demo journey, Chromium RSS per VU at 1 and 4 VUs.
// Run after `npm run build`: node bench/browser-figures.mjs (needs the Debian chromium).
import { execFileSync } from 'node:child_process';
import { runPreset } from '@fpt/engine';
import { MetricStore } from '@fpt/metrics';
import { loadPresetText } from '@fpt/preset';
import { startDemoTarget } from '@fpt/testkit';
import { chromium } from 'playwright-core';

const flags = [
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
const launches = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
  launches.push(performance.now() - t);
  await b.close();
}
console.log('launch ms', launches.map((v) => v.toFixed(0)).join(', '));
const target = await startDemoTarget();
const chromiumRssMb = () => {
  try {
    return execFileSync('bash', ['-c', "ps -C chromium -o rss= | awk '{s+=$1} END {print s/1024}'"])
      .toString()
      .trim();
  } catch {
    return 'n/a';
  }
};
for (const vus of [1, 4]) {
  const text = `name: figures
target: { baseUrl: "${target.url}" }
safety: { browser: { maxVUs: 4 } }
scenarios:
  journey:
    executor: constant-vus
    vus: ${vus}
    duration: 20s
    gracefulStop: 10s
    browser:
      steps:
        - goto: /pages/home
        - expect: { selector: h1, visible: true }
        - fill: { selector: "#email", value: "user-{{__VU}}@example.test" }
        - click: "#buy"
          name: buy button
        - expect: { text: "Clicked!" }
`;
  const samples = [];
  const sampler = setInterval(() => samples.push(Number(chromiumRssMb())), 1000);
  const summary = await runPreset({ loaded: loadPresetText(text, 'f.yaml'), workers: 1 });
  clearInterval(sampler);
  const store = MetricStore.fromSnapshot(summary.metrics);
  const it = store.aggregate('iteration_duration');
  const steady = samples.slice(5).sort((a, b) => a - b)[Math.floor(samples.slice(5).length / 2)];
  console.log(
    `${vus} VU(s): ${it.count} iterations, p50 ${it.percentile(50).toFixed(0)} ms, p95 ${it.percentile(95).toFixed(0)} ms; Chromium RSS (sum of processes, median) ${steady} MB = ${(steady / vus).toFixed(0)} MB per VU; LCP p50 ${store.aggregate('browser_web_vital_lcp')?.percentile(50).toFixed(0)} ms`,
  );
}
await target.close();
