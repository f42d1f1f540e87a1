/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_][\w.-]*/y;

/**
 * A strict parser for the XML subset JUnit files use (declaration, elements, attributes, text, the
 * five entities and character references). Anything else, or anything malformed, throws: a raw `<` or
 * `&` in text, an unquoted or duplicate attribute, a mismatched closing tag, a forbidden character.
 */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
  };
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) fail('character XML 1.0 forbids');
  const decode = (raw: string): string => {
    if (raw.includes('<')) fail('raw < in text or attribute');
    return raw.replace(/&([^;]*);|&/g, (whole, entity: string | undefined) => {
      if (entity === undefined) return fail('raw &');
      if (entity in ENTITY) return ENTITY[entity]!;
      const code =
        /^#(\d+)$/.exec(entity)?.[1] ??
        (/^#x([0-9a-fA-F]+)$/.exec(entity) ? Number.parseInt(entity.slice(2), 16) : undefined);
      if (code === undefined) return fail(`unknown entity ${whole}`);
      return String.fromCodePoint(Number(code));
    });
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (!match) return fail('expected a name');
    at += match[0].length;
    return match[0];
  };
  const spaces = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };

  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(text);
  if (!declaration) fail('missing XML declaration');
  at = declaration![0].length;

  const element = (): XmlElement => {
    if (text[at] !== '<') fail('expected <');
    at++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      spaces();
      if (text.startsWith('/>', at)) {
        at += 2;
        return { name: tag, attributes, children: [], text: '' };
      }
      if (text[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected whitespace before an attribute');
      const key = name();
      if (text[at] !== '=' || text[at + 1] !== '"') fail('attribute value must be ="…"');
      const end = text.indexOf('"', at + 2);
      if (end === -1) fail('unterminated attribute');
      if (key in attributes) fail(`duplicate attribute ${key}`);
      attributes[key] = decode(text.slice(at + 2, end));
      at = end + 1;
    }
    const node: XmlElement = { name: tag, attributes, children: [], text: '' };
    for (;;) {
      const next = text.indexOf('<', at);
      if (next === -1) fail(`unclosed <${tag}>`);
      node.text += decode(text.slice(at, next));
      at = next;
      if (text.startsWith('</', at)) {
        at += 2;
        if (name() !== tag) fail(`mismatched closing tag for <${tag}>`);
        if (text[at] !== '>') fail('expected >');
        at++;
        return node;
      }
      node.children.push(element());
    }
  };

  const root = element();
  if (text.slice(at).trim() !== '') fail('content after the root element');
  return root;
}

/** Every descendant element named `name`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return root.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}
