import type { Node } from 'acorn';

/** A node of acorn's tree with its parent and the field of the parent it sits in. */
export interface Visit {
  readonly node: Node & Record<string, unknown>;
  readonly parent: (Node & Record<string, unknown>) | undefined;
  readonly key: string | undefined;
}

/**
 * Every node under `root`, parents before children. acorn has no walker of its own; the tree is plain
 * objects, so any field holding a node (or a list of them) is a child.
 */
export function* walk(root: Node): Generator<Visit> {
  const stack: Visit[] = [
    { node: root as Node & Record<string, unknown>, parent: undefined, key: undefined },
  ];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    yield visit;
    const { node } = visit;
    const children: Visit[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push({ node: item, parent: node, key });
      } else if (isNode(value)) children.push({ node: value, parent: node, key });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function isNode(value: unknown): value is Node & Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Names a declaration or pattern binds (`const { a, b: [c] } = …` binds a and c). */
export function boundNames(pattern: Node | null | undefined): string[] {
  if (!pattern) return [];
  const node = pattern as Node & Record<string, unknown>;
  switch (node.type) {
    case 'Identifier':
      return [node.name as string];
    case 'ObjectPattern':
      return (node.properties as (Node & Record<string, unknown>)[]).flatMap((p) =>
        p.type === 'RestElement' ? boundNames(p.argument as Node) : boundNames(p.value as Node),
      );
    case 'ArrayPattern':
      return (node.elements as (Node | null)[]).flatMap((element) => boundNames(element));
    case 'RestElement':
      return boundNames(node.argument as Node);
    case 'AssignmentPattern':
      return boundNames(node.left as Node);
    case 'VariableDeclaration':
      return (node.declarations as (Node & Record<string, unknown>)[]).flatMap((d) =>
        boundNames(d.id as Node),
      );
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return boundNames(node.id as Node);
    default:
      return [];
  }
}
