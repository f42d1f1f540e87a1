// The merge Job's init container (deploy/kubernetes/base/scale-out/merge-job.yaml): waits until the n share
// files of this run are on the shares volume, so that `fpt merge` starts only when every share has written its
// metrics export. Kubernetes has no dependency between Jobs; this is the order.
//
// A share counts when SHARES_DIR/part-<i>.json exists for every i in 0..SHARES-1 and was written after
// START_AT: a file older than that is an earlier run's (a RUN_ID used twice), and is waited on, not merged.
// A part-<i>.json with i >= SHARES is refused at once: the glob the merge uses would take it in.
// Gives up SHARES_WAIT_SECONDS after START_AT (or after its own start, if later), naming what is missing.
// fpt run writes its export atomically (a temporary file renamed into place), so a file that is there is whole.
//
// Exit 0 when every share is there, 1 otherwise, with the reason on stderr (kubectl logs <pod> -c wait-for-shares).
// Node only, no dependencies: it runs from a ConfigMap in the FPT image. tools/test/deploy/kubernetes.test.ts
// runs it against real folders.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
const dir = env.SHARES_DIR || '/shares';
const runId = env.RUN_ID || '(RUN_ID unset)';
const say = (line) => process.stderr.write(`wait-for-shares: ${line}\n`);

function fail(line) {
  say(line);
  process.exit(1);
}

/** The moment START_AT names, as `fpt run --start-at` reads it: ISO 8601 with a zone, or epoch milliseconds. */
function parseStartAt(text) {
  const trimmed = text.trim();
  if (/^\d{10,}$/.test(trimmed)) return Number(trimmed);
  if (/(Z|[+-]\d\d:?\d\d)$/i.test(trimmed)) return Date.parse(trimmed);
  return Number.NaN;
}

function positiveNumber(name, fallback) {
  const text = env[name] || fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`${name} is "${text}": give a positive number of seconds`);
  return value;
}

const shares = Number(env.SHARES);
if (!Number.isInteger(shares) || shares < 1)
  fail(`SHARES is "${env.SHARES ?? ''}": give the number of shares (the shares Job's completions), e.g. 4`);
const startAt = parseStartAt(env.START_AT ?? '');
if (!Number.isFinite(startAt))
  fail(`START_AT is "${env.START_AT ?? ''}": give the shares' --start-at, e.g. 2026-12-08T10:00:00Z`);
const waitMs = positiveNumber('SHARES_WAIT_SECONDS', '7200') * 1000;
const pollMs = positiveNumber('SHARES_POLL_SECONDS', '5') * 1000;

const expected = Array.from({ length: shares }, (_, index) => `part-${index}.json`);
const deadline = Math.max(Date.now(), startAt) + waitMs;
const startIso = new Date(startAt).toISOString();
const list = (names) => (names.length > 0 ? names.join(', ') : 'none');

say(
  `run ${runId}: waiting for ${shares} shares (${expected[0]} .. ${expected.at(-1)}) in ${dir}, written after ${startIso}`,
);
let reported = -1;
let lastReportAt = 0;
for (;;) {
  const present = existsSync(dir) ? readdirSync(dir) : [];
  const strays = present.filter((name) => /^part-\d+\.json$/.test(name) && !expected.includes(name));
  if (strays.length > 0) {
    fail(
      `run ${runId}: ${list(strays)} in ${dir} ${strays.length === 1 ? 'is' : 'are'} not one of this run's ${shares} shares ` +
        `(part-0.json .. part-${shares - 1}.json): left by an earlier run with this RUN_ID and more shares? ` +
        'Give each run its own RUN_ID (docs/kubernetes.md).',
    );
  }
  const arrived = [];
  const stale = [];
  const missing = [];
  for (const name of expected) {
    if (!present.includes(name)) missing.push(name);
    else if (statSync(join(dir, name)).mtimeMs < startAt) stale.push(name);
    else arrived.push(name);
  }
  if (arrived.length === shares) {
    say(`run ${runId}: all ${shares} shares are here: ${list(arrived)}`);
    process.exit(0);
  }
  const now = Date.now();
  if (now >= deadline) {
    fail(
      `run ${runId}: gave up ${Math.round(waitMs / 1000)} s after ${startIso} with ${arrived.length} of ${shares} shares. ` +
        `Missing: ${list(missing)}. Older than START_AT (an earlier run's, not merged): ${list(stale)}.\n` +
        '  hint: kubectl get pods -l app.kubernetes.io/component=share shows which shares failed; ' +
        'kubectl logs <pod> says why (docs/kubernetes.md)',
    );
  }
  if (arrived.length !== reported || now - lastReportAt >= 60_000) {
    reported = arrived.length;
    lastReportAt = now;
    say(
      `run ${runId}: ${arrived.length} of ${shares} shares; waiting for ${list([...missing, ...stale])} ` +
        `(gives up in ${Math.round((deadline - now) / 1000)} s)`,
    );
  }
  await sleep(Math.min(pollMs, Math.max(0, deadline - now)));
}
