import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTarget, demoTargetItems, startDemoTarget } from '../src/index.js';
import { inBatches, postJson } from './http-helpers.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

describe('POST /echo', () => {
  it('echoes method, headers and body, parsing JSON bodies', async () => {
    const res = await postJson(`${target.url}/echo`, { a: 1, b: ['x'] }, { 'x-test': 'yes' });
    expect(res.status).toBe(200);
    const echoed = (await res.json()) as Record<string, unknown>;
    expect(echoed['method']).toBe('POST');
    expect(echoed['body']).toBe('{"a":1,"b":["x"]}');
    expect(echoed['json']).toEqual({ a: 1, b: ['x'] });
    expect(echoed['headers']).toMatchObject({ 'x-test': 'yes', 'content-type': 'application/json' });
  });

  it('echoes non-JSON bodies as text only', async () => {
    const res = await fetch(`${target.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'héllo',
    });
    const echoed = (await res.json()) as Record<string, unknown>;
    expect(echoed['body']).toBe('héllo');
    expect(echoed).not.toHaveProperty('json');
  });

  it('reports a JSON body that does not parse instead of failing', async () => {
    const res = await fetch(`${target.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"a":',
    });
    expect(res.status).toBe(200);
    const echoed = (await res.json()) as Record<string, unknown>;
    expect(echoed['body']).toBe('{"a":');
    expect(echoed).not.toHaveProperty('json');
    expect(typeof echoed['jsonError']).toBe('string');
  });

  it('answers 413 for bodies over 10 MiB', async () => {
    const res = await fetch(`${target.url}/echo`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    await res.arrayBuffer();
  });
});

describe('POST /api/login', () => {
  it('returns a token for the password "secret"', async () => {
    const res = await postJson(`${target.url}/api/login`, { username: 'alice', password: 'secret' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ token: 'tok-alice' });
    expect(res.headers.get('x-request-id')).toMatch(/^req-\d+$/);
  });

  it('answers 401 for a wrong password', async () => {
    const res = await postJson(`${target.url}/api/login`, { username: 'alice', password: 'nope' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid credentials' });
    expect(res.headers.get('x-request-id')).toMatch(/^req-\d+$/);
  });

  it("echoes the caller's x-request-id", async () => {
    const res = await postJson(
      `${target.url}/api/login`,
      { username: 'bob', password: 'secret' },
      { 'x-request-id': 'trace-42' },
    );
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    await res.arrayBuffer();
  });

  it('answers 400 for malformed JSON or missing fields', async () => {
    const malformed = await fetch(`${target.url}/api/login`, { method: 'POST', body: '{"username":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-request-id')).not.toBeNull();
    await malformed.arrayBuffer();
    for (const body of [
      { username: 'a' },
      { password: 'secret' },
      { username: '', password: 'secret' },
      [1],
    ]) {
      const res = await postJson(`${target.url}/api/login`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      await res.arrayBuffer();
    }
  });
});

describe('/api/items', () => {
  it('lists 20 fixed items', async () => {
    const res = await fetch(`${target.url}/api/items`);
    expect(res.status).toBe(200);
    const items = (await res.json()) as { id: number; name: string; price: number }[];
    expect(items).toHaveLength(20);
    expect(items).toEqual(demoTargetItems);
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const item of items) {
      expect(typeof item.name).toBe('string');
      expect(typeof item.price).toBe('number');
    }
  });

  it('requires a bearer token only with ?auth=1', async () => {
    const missing = await fetch(`${target.url}/api/items?auth=1`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    await missing.arrayBuffer();
    const wrong = await fetch(`${target.url}/api/items?auth=1`, { headers: { authorization: 'Bearer xyz' } });
    expect(wrong.status).toBe(401);
    await wrong.arrayBuffer();
    const ok = await fetch(`${target.url}/api/items?auth=1`, {
      headers: { authorization: 'Bearer tok-alice' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveLength(20);
    const single = await fetch(`${target.url}/api/items/1?auth=1`);
    expect(single.status).toBe(401);
    await single.arrayBuffer();
  });

  it('gets one item by id, 404 when absent', async () => {
    const res = await fetch(`${target.url}/api/items/3`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(demoTargetItems[2]);
    for (const id of ['0', '999999', 'abc']) {
      const missing = await fetch(`${target.url}/api/items/${id}`);
      expect(missing.status, id).toBe(404);
      expect(await missing.json()).toEqual({ error: 'item not found', id });
    }
  });

  it('creates items with ids from 21 and keeps the newest 1000', async () => {
    const own = await startDemoTarget();
    try {
      const res = await postJson(`${own.url}/api/items`, { name: 'Widget', price: 4.5 });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe('/api/items/21');
      expect(await res.json()).toEqual({ id: 21, name: 'Widget', price: 4.5 });
      const fetched = await fetch(`${own.url}/api/items/21`);
      expect(await fetched.json()).toEqual({ id: 21, name: 'Widget', price: 4.5 });

      const withoutPrice = await postJson(`${own.url}/api/items`, { name: 'Free' });
      expect(await withoutPrice.json()).toEqual({ id: 22, name: 'Free', price: 0 });

      await inBatches(999, 50, async (i) =>
        (await postJson(`${own.url}/api/items`, { name: `n${i}` })).arrayBuffer(),
      );
      expect((await fetch(`${own.url}/api/items/21`)).status).toBe(404);
      expect((await fetch(`${own.url}/api/items/22`)).status).toBe(200);
      expect((await fetch(`${own.url}/api/items/1021`)).status).toBe(200);
      expect(await (await fetch(`${own.url}/api/items`)).json()).toHaveLength(20);
    } finally {
      await own.close();
    }
  });

  it('deletes a created item (204, then 404), never a fixed one (403)', async () => {
    const created = await postJson(`${target.url}/api/items`, { name: 'Temporary' });
    const { id } = (await created.json()) as { id: number };
    const deleted = await fetch(`${target.url}/api/items/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${target.url}/api/items/${id}`)).status).toBe(404);
    const again = await fetch(`${target.url}/api/items/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: 'item not found', id: String(id) });
    const fixed = await fetch(`${target.url}/api/items/3`, { method: 'DELETE' });
    expect(fixed.status).toBe(403);
    expect((await fetch(`${target.url}/api/items/3`)).status).toBe(200);
    await fixed.arrayBuffer();
  });

  it('rejects invalid items with 400', async () => {
    for (const body of [{}, { name: '' }, { name: 'x', price: -1 }, { name: 'x', price: '3' }, { name: 3 }]) {
      const res = await postJson(`${target.url}/api/items`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      await res.arrayBuffer();
    }
    const malformed = await fetch(`${target.url}/api/items`, { method: 'POST', body: 'nope' });
    expect(malformed.status).toBe(400);
    await malformed.arrayBuffer();
  });
});
