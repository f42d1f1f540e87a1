export { type CliIo, processIo } from './cli-io.js';
export { ExitCode } from './exit-codes.js';
export { buildProgram, runCli } from './program.js';
