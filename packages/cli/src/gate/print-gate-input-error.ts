import type { GateInputError } from '@fpt/gate';
import type { CliIo } from '../cli-io.js';

/** "fpt gate: <what>", each problem indented, then the hint: the shape every FPT input error has. */
export function printGateInputError(io: CliIo, command: string, error: GateInputError): void {
  io.stderr(`${command}: ${error.message}\n`);
  for (const problem of error.problems) io.stderr(`  ${problem}\n`);
  io.stderr(`  hint: ${error.hint}\n`);
}
