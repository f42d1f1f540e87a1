import { type DemoItem, fixedItems, type ItemStore } from './demo-items.js';
import {
  type GraphqlField,
  type GraphqlOperation,
  type GraphqlValue,
  parseGraphqlDocument,
} from './graphql-document.js';
import { isRecord, readJsonRequest } from './read-json-request.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './send-response.js';

type GraphqlError = { readonly message: string };
type GraphqlResponse =
  | { readonly data: Record<string, unknown> }
  | { readonly errors: readonly GraphqlError[] };

const itemType = 'Item';
const itemFieldNames = new Set(['id', 'name', 'price', '__typename']);

export async function handleGraphql({ req, res, state }: RequestContext): Promise<void> {
  const body = await readJsonRequest(req, res, undefined, (message) => ({ errors: [{ message }] }));
  if (body === undefined) return;
  const request = body.value;
  // Request-level problems are 400, following GraphQL over HTTP; query errors below are 200 with errors.
  if (!isRecord(request) || typeof request['query'] !== 'string' || request['query'] === '') {
    return sendJson(res, 400, { errors: [{ message: 'Must provide query string.' }] });
  }
  const variables = request['variables'] ?? {};
  if (!isRecord(variables)) {
    return sendJson(res, 400, { errors: [{ message: 'Variables must be an object.' }] });
  }
  const operationName = request['operationName'];
  sendJson(
    res,
    200,
    executeGraphql(
      request['query'],
      variables,
      typeof operationName === 'string' ? operationName : undefined,
      state.items,
    ),
  );
}

function executeGraphql(
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  items: ItemStore,
): GraphqlResponse {
  const parsed = parseGraphqlDocument(query);
  if (!parsed.ok) return { errors: [{ message: parsed.message }] };
  const operation = pickOperation(parsed.operations, operationName);
  if (typeof operation === 'string') return { errors: [{ message: operation }] };
  if (operation.kind !== 'query') {
    return { errors: [{ message: `Schema is not configured to execute ${operation.kind} operation.` }] };
  }
  const errors = validateQuery(operation.selections, variables);
  if (errors.length > 0) return { errors };
  const data: Record<string, unknown> = {};
  for (const field of operation.selections) {
    const key = field.alias ?? field.name;
    if (field.name === '__typename') data[key] = 'Query';
    else if (field.name === 'items') data[key] = fixedItems.map((item) => project(item, field.selections));
    else {
      const found = items.get(itemId(resolve(field.arguments.get('id'), variables)));
      data[key] = found === undefined ? null : project(found, field.selections);
    }
  }
  return { data };
}

function pickOperation(
  operations: readonly GraphqlOperation[],
  operationName: string | undefined,
): GraphqlOperation | string {
  if (operationName === undefined) {
    if (operations.length > 1) return 'Must provide operation name if query contains multiple operations.';
    return operations[0] ?? 'Must provide an operation.';
  }
  return operations.find((op) => op.name === operationName) ?? `Unknown operation named "${operationName}".`;
}

/** Reports every problem at once, as a GraphQL server's validation step does, before resolving anything. */
function validateQuery(
  selections: readonly GraphqlField[],
  variables: Record<string, unknown>,
): GraphqlError[] {
  const errors: GraphqlError[] = [];
  for (const field of selections) {
    if (field.name === '__typename') {
      errors.push(...scalarErrors(field, 'String!'));
    } else if (field.name === 'items') {
      errors.push(...argumentErrors(field, []), ...objectErrors(field, '[Item!]!'));
    } else if (field.name === 'item') {
      errors.push(...argumentErrors(field, ['id']), ...objectErrors(field, 'Item'));
      const id = field.arguments.get('id');
      if (id === undefined) {
        errors.push({
          message: 'Field "item" argument "id" of type "ID!" is required, but it was not provided.',
        });
      } else if (id.kind === 'variable' && variables[id.name] === undefined) {
        errors.push({ message: `Variable "$${id.name}" of required type "ID!" was not provided.` });
      }
    } else {
      errors.push({ message: `Cannot query field "${field.name}" on type "Query".` });
    }
  }
  return errors;
}

function objectErrors(field: GraphqlField, typeName: string): GraphqlError[] {
  if (field.selections === undefined) {
    return [
      {
        message: `Field "${field.name}" of type "${typeName}" must have a selection of subfields. Did you mean "${field.name} { ... }"?`,
      },
    ];
  }
  const errors: GraphqlError[] = [];
  for (const subfield of field.selections) {
    if (!itemFieldNames.has(subfield.name)) {
      errors.push({ message: `Cannot query field "${subfield.name}" on type "${itemType}".` });
      continue;
    }
    errors.push(
      ...argumentErrors(subfield, [], itemType),
      ...scalarErrors(subfield, scalarType(subfield.name)),
    );
  }
  return errors;
}

function scalarErrors(field: GraphqlField, typeName: string): GraphqlError[] {
  if (field.selections === undefined) return [];
  return [
    { message: `Field "${field.name}" must not have a selection since type "${typeName}" has no subfields.` },
  ];
}

function argumentErrors(
  field: GraphqlField,
  allowed: readonly string[],
  parentType = 'Query',
): GraphqlError[] {
  const errors: GraphqlError[] = [];
  for (const name of field.arguments.keys()) {
    if (!allowed.includes(name)) {
      errors.push({ message: `Unknown argument "${name}" on field "${parentType}.${field.name}".` });
    }
  }
  return errors;
}

function scalarType(fieldName: string): string {
  if (fieldName === 'id') return 'ID!';
  if (fieldName === 'price') return 'Float!';
  return 'String!';
}

function resolve(value: GraphqlValue | undefined, variables: Record<string, unknown>): unknown {
  if (value === undefined) return undefined;
  return value.kind === 'variable' ? variables[value.name] : value.value;
}

function itemId(raw: unknown): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  return /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
}

function project(item: DemoItem, selections: readonly GraphqlField[] | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of selections ?? []) {
    const key = field.alias ?? field.name;
    if (field.name === 'id') result[key] = String(item.id);
    else if (field.name === 'name') result[key] = item.name;
    else if (field.name === 'price') result[key] = item.price;
    else result[key] = itemType;
  }
  return result;
}
