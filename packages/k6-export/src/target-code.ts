import type { Preset } from '@fpt/preset';
import { commentText } from './comment-text.js';
import { JsObject, js } from './js-code.js';
import { printAfter, quoteJsString } from './print-js-literal.js';
import { hasPlaceholder } from './template-expression.js';

/** The k6 environment variable that replaces one target header: TARGET_HEADER_USER_AGENT for user-agent. */
export function headerEnvName(header: string): string {
  return `TARGET_HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * BASE_URL and HEADERS: the preset's target, each value replaceable from the k6 environment
 * (`-e TARGET_URL=...`), as FPT presets write `${TARGET_URL:-default}`. Headers with `{{variables}}` are
 * rendered per request instead.
 */
export function targetDeclarations(target: Preset['target']): string[] {
  const lines = [
    `/** target.baseUrl; -e TARGET_URL=<url> loads another host. */`,
    `const BASE_URL = (__ENV.TARGET_URL || ${quoteJsString(target.baseUrl ?? '')}).replace(/\\/+$/, '');`,
  ];
  const constant = Object.entries(target.headers ?? {}).filter(([, value]) => !hasPlaceholder(value));
  if (constant.length > 0) {
    const example = headerEnvName(constant[0]![0]);
    lines.push(
      `/** target.headers; -e ${commentText(example)}=<value> replaces ${commentText(constant[0]![0])}, and so on. */`,
      printAfter(
        'const HEADERS = ',
        new JsObject(
          constant.map(([name, value]) => [
            name.toLowerCase(),
            js(`__ENV.${headerEnvName(name)} || ${quoteJsString(value)}`),
          ]),
        ),
        ';',
      ),
    );
  }
  return lines;
}
