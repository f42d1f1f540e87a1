import { presetJsonSchema } from '@fpt/preset';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

export function registerSchemaCommand(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('Print the preset JSON Schema, for editors (fpt schema > preset.schema.json).')
    .action(() => {
      io.stdout(`${JSON.stringify(presetJsonSchema(), null, 2)}\n`);
    });
}
