#!/usr/bin/env node
// npm links a workspace's bin at install time only if the file exists then, and dist/ is built later (by
// `npm run demo`, `npm test` or `npm run build`): this committed file exists from the clone on and loads the
// built CLI, so `npx fpt` works straight after the README's set-up.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'fpt: the CLI is not built yet\n  hint: run `npm run build` (or `npm run demo`) in the FPT repository first\n',
  );
  process.exit(1);
}
await import(built.href);
