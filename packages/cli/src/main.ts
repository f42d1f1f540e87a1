import { processIo } from './cli-io.js';
import { runCli } from './program.js';

// The CLI in this process: what dist/bin.js runs, from the bundle (dist/bundle/main.js) or compiled as is.
await runCli(process.argv.slice(2), processIo());
