import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GateInputError } from '@fpt/gate';

/** Writes a file the gate produces (parent folders created); a failure is unusable output, exit 104. */
export function writeOutputFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new GateInputError(
      `cannot write ${file}: ${(error as Error).message}`,
      [],
      'check that the folder can be created and written',
      { cause: error },
    );
  }
}
