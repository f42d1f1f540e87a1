import { fixedItems } from './demo-items.js';
import { isRecord, readJsonRequest } from './read-json-request.js';
import type { RequestContext } from './request-context.js';
import { jsonContentType, prebuildJson, sendJson, sendPrebuilt } from './send-response.js';

const demoPassword = 'secret';
const maxNameLength = 200;
const maxRequestIdLength = 200;
const bearerToken = /^Bearer tok-\S+$/;
const sessionCookie = /(^|;\s*)session=tok-[^;\s]+/;
const itemsBody = prebuildJson(fixedItems);

export async function handleLogin({ req, res, state }: RequestContext): Promise<void> {
  // Echoing the caller's id lets a load test correlate its requests with what the target saw.
  const sentId = req.headers['x-request-id'];
  const requestId =
    typeof sentId === 'string' && sentId !== '' && sentId.length <= maxRequestIdLength
      ? sentId
      : `req-${state.nextRequestId++}`;
  const headers = { 'x-request-id': requestId };
  const body = await readJsonRequest(req, res, headers);
  if (body === undefined) return;
  const credentials = body.value;
  if (
    !isRecord(credentials) ||
    typeof credentials['username'] !== 'string' ||
    credentials['username'] === '' ||
    typeof credentials['password'] !== 'string'
  ) {
    return sendJson(res, 400, { error: 'body must be {"username": string, "password": string}' }, headers);
  }
  if (credentials['password'] !== demoPassword) {
    return sendJson(res, 401, { error: 'invalid credentials' }, headers);
  }
  const token = `tok-${credentials['username']}`;
  // The same token as a session cookie, for clients that keep cookies (browsers, k6, FPT's cookie jar).
  sendJson(
    res,
    200,
    { token },
    { ...headers, 'set-cookie': `session=${encodeURIComponent(token)}; Path=/api; HttpOnly` },
  );
}

export function handleItemsList(ctx: RequestContext): void {
  if (!authorized(ctx)) return;
  sendPrebuilt(ctx.res, 200, jsonContentType, itemsBody);
}

export function handleItemsGet(ctx: RequestContext): void {
  if (!authorized(ctx)) return;
  const rawId = ctx.params['id'] ?? '';
  const item = /^\d{1,15}$/.test(rawId) ? ctx.state.items.get(Number(rawId)) : undefined;
  if (item === undefined) {
    sendJson(ctx.res, 404, { error: 'item not found', id: rawId });
    return;
  }
  sendJson(ctx.res, 200, item);
}

export async function handleItemsCreate(ctx: RequestContext): Promise<void> {
  if (!authorized(ctx)) return;
  const body = await readJsonRequest(ctx.req, ctx.res);
  if (body === undefined) return;
  const input = body.value;
  const name = isRecord(input) ? input['name'] : undefined;
  const price = isRecord(input) ? (input['price'] ?? 0) : undefined;
  if (
    typeof name !== 'string' ||
    name === '' ||
    name.length > maxNameLength ||
    typeof price !== 'number' ||
    !Number.isFinite(price) ||
    price < 0
  ) {
    return sendJson(ctx.res, 400, {
      error: `body must be {"name": string of 1..${maxNameLength} chars, "price"?: number >= 0}`,
    });
  }
  const item = ctx.state.items.create(name, price);
  sendJson(ctx.res, 201, item, { location: `/api/items/${item.id}` });
}

export function handleItemsDelete(ctx: RequestContext): void {
  if (!authorized(ctx)) return;
  const rawId = ctx.params['id'] ?? '';
  const outcome = /^\d{1,15}$/.test(rawId) ? ctx.state.items.delete(Number(rawId)) : 'missing';
  if (outcome === 'deleted') {
    ctx.res.writeHead(204).end();
    return;
  }
  if (outcome === 'fixed')
    sendJson(ctx.res, 403, { error: 'the 20 fixed items cannot be deleted', id: rawId });
  else sendJson(ctx.res, 404, { error: 'item not found', id: rawId });
}

/**
 * `?auth=1` turns on the bearer check and `?auth=cookie` the session-cookie check, so one target serves
 * open and protected scenarios alike.
 */
function authorized({ req, res, query }: RequestContext): boolean {
  const auth = query.get('auth');
  if (auth === 'cookie') {
    if (sessionCookie.test(req.headers.cookie ?? '')) return true;
    sendJson(res, 401, { error: 'missing or invalid session cookie' });
    return false;
  }
  if (auth !== '1') return true;
  if (bearerToken.test(req.headers.authorization ?? '')) return true;
  sendJson(
    res,
    401,
    { error: 'missing or invalid bearer token' },
    { 'www-authenticate': 'Bearer realm="fpt-demo-target"' },
  );
  return false;
}
