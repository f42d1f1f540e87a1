import type { CaptureSpec } from '@fpt/preset';
import { compileJsonPath, evaluateJsonPath, notFound, valueAsText } from '../json-path.js';
import { invalidJson, type ResponseView } from './response-view.js';

export interface CompiledCapture {
  readonly name: string;
  readonly source: string;
  readonly needsBody: boolean;
  /** The captured text, or undefined when the response does not have it. */
  extract(response: ResponseView): string | undefined;
}

export function compileCapture(spec: CaptureSpec): CompiledCapture {
  if (spec.jsonPath !== undefined) {
    const path = compileJsonPath(spec.jsonPath);
    return {
      name: spec.name,
      source: spec.jsonPath,
      needsBody: true,
      extract(response) {
        const document = response.json();
        if (document === invalidJson) return undefined;
        const value = evaluateJsonPath(document, path);
        return value === notFound || value === null ? undefined : valueAsText(value);
      },
    };
  }
  if (spec.header !== undefined) {
    const header = spec.header;
    return {
      name: spec.name,
      source: `header ${header}`,
      needsBody: false,
      extract: (response) => response.header(header),
    };
  }
  const pattern = new RegExp(spec.regex ?? '');
  return {
    name: spec.name,
    source: `/${spec.regex}/`,
    needsBody: true,
    extract(response) {
      const match = pattern.exec(response.text());
      return match ? (match[1] ?? match[0]) : undefined;
    },
  };
}
