import * as z from 'zod';
import { presetSchema } from './schema/preset.js';

/** The preset schema as JSON Schema (draft 2020-12), for editors: completion, hover text, and checks as you type. */
export function presetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(presetSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return { ...schema, $id: 'https://fpt.dev/schema/preset.schema.json', title: 'FPT preset' };
}
