import { createHash } from 'node:crypto';

/** k6 identifies groups and checks by the hex MD5 of their path; tools that join on ids expect the same. */
export function pathId(path: string): string {
  return createHash('md5').update(path, 'utf8').digest('hex');
}
