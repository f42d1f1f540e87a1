export { ExitCode } from '@fpt/engine';
export { type CliIo, processIo } from './cli-io.js';
export { buildProgram, runCli } from './program.js';
