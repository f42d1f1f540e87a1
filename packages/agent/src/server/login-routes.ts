import { Router as createRouter, type Router } from 'express';
import { tokenCookie, tokenMatches } from './token-auth.js';

/**
 * The UI's login: the token is checked once and kept in a cookie the page's scripts cannot read
 * (HttpOnly) and that no other site can send (SameSite=Strict).
 */
export function loginRoutes(tokens: readonly string[]): Router {
  const router = createRouter();
  router.post('/login', (request, response) => {
    const token = (request.body as { token?: unknown } | undefined)?.token;
    if (tokens.length === 0) {
      response.json({ ok: true, authRequired: false });
      return;
    }
    if (typeof token !== 'string' || !tokenMatches(token, tokens)) {
      response
        .status(401)
        .json({ error: 'the token is not valid', hint: 'check the token with the agent operator' });
      return;
    }
    response.cookie(tokenCookie, token, {
      httpOnly: true,
      sameSite: 'strict',
      // Behind Cloudflare and the Kamal proxy the request arrives as http with X-Forwarded-Proto: https.
      secure: request.secure,
      path: '/',
      maxAge: 7 * 86_400_000,
    });
    response.json({ ok: true, authRequired: true });
  });
  router.post('/logout', (_request, response) => {
    response.clearCookie(tokenCookie, { path: '/' });
    response.json({ ok: true });
  });
  return router;
}
