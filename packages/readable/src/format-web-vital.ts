import { formatMs } from './format-ms.js';
import { trimNumber } from './trim-number.js';

/** A vital's value in its unit: ms, or the unitless CLS score. */
export function formatWebVital(vital: string, value: number): string {
  return vital === 'cls' ? trimNumber(value) : formatMs(value);
}
