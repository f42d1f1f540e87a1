/**
 * Text for XML attribute values and element content. Besides the five entities, characters XML 1.0
 * forbids (control characters, lone surrogates, U+FFFE/U+FFFF) become U+FFFD: a request name with a
 * stray control byte must not make the whole file unreadable for the CI server.
 */
export function escapeXml(text: string): string {
  return (
    text
      .replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        '\ufffd',
      )
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Keep line breaks in attribute values: a parser would normalise raw ones to spaces.
      .replace(/\r/g, '&#13;')
  );
}

/** Attribute value: like escapeXml, with newlines and tabs kept as character references. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
