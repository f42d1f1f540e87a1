import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const tokenCookie = 'fpt_token';

/** Compares a presented token with each configured one in constant time (hashes make the lengths equal). */
export function tokenMatches(presented: string, tokens: readonly string[]): boolean {
  const digest = createHash('sha256').update(presented).digest();
  let matched = false;
  for (const token of tokens) {
    // No early exit: how long the check takes says nothing about which token came close.
    if (timingSafeEqual(digest, createHash('sha256').update(token).digest())) matched = true;
  }
  return matched;
}

/** The token a request carries: the Authorization header, else the UI's cookie. */
export function presentedToken(request: Request): string | undefined {
  const header = request.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return readCookie(request.get('cookie'), tokenCookie);
}

/** What a request's token is worth: `open` when the agent has no tokens (it then listens on loopback only). */
export function authorization(
  request: Request,
  tokens: readonly string[],
): 'open' | 'valid' | 'missing' | 'invalid' {
  if (tokens.length === 0) return 'open';
  const token = presentedToken(request);
  if (token === undefined) return 'missing';
  return tokenMatches(token, tokens) ? 'valid' : 'invalid';
}

/** Every /api route but login needs a valid token when tokens are configured. */
export function requireToken(tokens: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const state = authorization(request, tokens);
    if (state === 'missing') {
      response.status(401).json({
        error: 'a token is required',
        hint: 'send Authorization: Bearer <token>, or log in through the UI',
      });
      return;
    }
    if (state === 'invalid') {
      response
        .status(401)
        .json({ error: 'the token is not valid', hint: 'check the token with the agent operator' });
      return;
    }
    next();
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
