import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTarget, demoTargetItems, startDemoTarget } from '../src/index.js';
import { postJson } from './http-helpers.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

async function graphql(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await postJson(`${target.url}/graphql`, body);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function errorMessages(json: Record<string, unknown>): string[] {
  return (json['errors'] as { message: string }[]).map((error) => error.message);
}

describe('POST /graphql', () => {
  it('returns items with only the requested fields', async () => {
    const { status, json } = await graphql({ query: 'query { items { id name } }' });
    expect(status).toBe(200);
    expect(json).toEqual({
      data: { items: demoTargetItems.map((item) => ({ id: String(item.id), name: item.name })) },
    });
  });

  it('resolves item(id:) from variables, with an operation name', async () => {
    const { status, json } = await graphql({
      query: 'query Item($id: ID!) { item(id: $id) { id name price } }',
      variables: { id: '3' },
      operationName: 'Item',
    });
    expect(status).toBe(200);
    const item = demoTargetItems[2]!;
    expect(json).toEqual({ data: { item: { id: '3', name: item.name, price: item.price } } });
  });

  it('accepts inline arguments, aliases, comments and __typename', async () => {
    const { json } = await graphql({
      query: `{
        # two lookups in one request
        first: item(id: 1) { __typename id }
        missing: item(id: "999") { id }
        __typename
      }`,
    });
    expect(json).toEqual({
      data: { first: { __typename: 'Item', id: '1' }, missing: null, __typename: 'Query' },
    });
  });

  it('picks the operation named by operationName', async () => {
    const query = 'query A { items { id } } query B { item(id: 2) { name } }';
    const { json } = await graphql({ query, operationName: 'B' });
    expect(json).toEqual({ data: { item: { name: demoTargetItems[1]!.name } } });
    const ambiguous = await graphql({ query });
    expect(errorMessages(ambiguous.json)).toEqual([
      'Must provide operation name if query contains multiple operations.',
    ]);
  });

  it('answers unknown fields with 200 and GraphQL errors, no data', async () => {
    const { status, json } = await graphql({ query: '{ users { id } items { id sku } }' });
    expect(status).toBe(200);
    expect(json).not.toHaveProperty('data');
    expect(errorMessages(json)).toEqual([
      'Cannot query field "users" on type "Query".',
      'Cannot query field "sku" on type "Item".',
    ]);
  });

  it('reports missing arguments, variables and selections', async () => {
    const { json } = await graphql({
      query: 'query Q($id: ID!) { item { id } other: item(id: $id) { id } items }',
    });
    expect(errorMessages(json)).toEqual([
      'Field "item" argument "id" of type "ID!" is required, but it was not provided.',
      'Variable "$id" of required type "ID!" was not provided.',
      'Field "items" of type "[Item!]!" must have a selection of subfields. Did you mean "items { ... }"?',
    ]);
  });

  it('answers syntax errors and mutations with 200 and errors', async () => {
    const syntax = await graphql({ query: '{ items { id }' });
    expect(syntax.status).toBe(200);
    expect(errorMessages(syntax.json)[0]).toMatch(/^Syntax Error/);
    const mutation = await graphql({ query: 'mutation { addItem(name: "x") { id } }' });
    expect(mutation.status).toBe(200);
    expect(errorMessages(mutation.json)).toEqual(['Schema is not configured to execute mutation operation.']);
  });

  it('answers malformed JSON and a missing query with 400 and errors', async () => {
    const malformed = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    const malformedJson = (await malformed.json()) as Record<string, unknown>;
    expect(errorMessages(malformedJson)[0]).toMatch(/^body is not valid JSON/);
    const missing = await graphql({ variables: {} });
    expect(missing.status).toBe(400);
    expect(errorMessages(missing.json)).toEqual(['Must provide query string.']);
  });
});
