import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import * as zlib from 'node:zlib';
import type { PresetAssets, RequestSpec } from '@fpt/preset';
import { EngineError } from '../engine-error.js';
import {
  type CompiledValue,
  compileTemplate,
  compileValue,
  containsTemplate,
  renderTemplate,
  type Variables,
} from '../template.js';

/** Renders a request's body for one iteration's variables. */
export type BodyRenderer = (
  variables: Variables,
  onMissing: (name: string) => void,
) => string | Buffer | undefined;

export interface CompiledBody {
  readonly render: BodyRenderer | undefined;
  /** The content type the body implies, set unless the preset names its own. */
  readonly contentType: string | undefined;
  /** Content-Encoding of a compressed request body. */
  readonly contentEncoding: string | undefined;
}

/** The GraphQL request as its JSON body holds it: query, and variables and operationName when given. */
export function graphqlPayload(graphql: NonNullable<RequestSpec['graphql']>): Record<string, unknown> {
  return {
    query: graphql.query,
    ...(graphql.variables ? { variables: graphql.variables } : {}),
    ...(graphql.operationName ? { operationName: graphql.operationName } : {}),
  };
}

/**
 * A request's body, prepared once: JSON, a form, raw text, bytes (base64 or a file the preset loader
 * read), multipart/form-data with text and file parts (k6's http.file), or a GraphQL document; then
 * compressed when the request asks for it (k6's compression parameter). Constant bodies are built once.
 */
export function compileBody(spec: RequestSpec, assets: PresetAssets): CompiledBody {
  const plain = uncompressed(spec, assets);
  if (spec.compression === undefined || plain.render === undefined)
    return { ...plain, contentEncoding: undefined };
  const compress = compressor(spec.compression);
  const render = plain.render;
  let cachedFrom: string | Buffer | undefined;
  let cached: Buffer | undefined;
  return {
    contentType: plain.contentType,
    contentEncoding: spec.compression,
    render: (variables, onMissing) => {
      const body = render(variables, onMissing);
      if (body === undefined) return undefined;
      // A constant body comes back as the same value: compress it once.
      if (body !== cachedFrom || cached === undefined) {
        cachedFrom = body;
        cached = compress(typeof body === 'string' ? Buffer.from(body) : body);
      }
      return cached;
    },
  };
}

function uncompressed(spec: RequestSpec, assets: PresetAssets): Omit<CompiledBody, 'contentEncoding'> {
  if (spec.graphql) {
    if (spec.method === 'GET') return { render: undefined, contentType: undefined };
    const source = graphqlPayload(spec.graphql);
    return { render: jsonRenderer(compileValue(source), source), contentType: 'application/json' };
  }
  const body = spec.body;
  if (!body) return { render: undefined, contentType: undefined };
  if (body.json !== undefined)
    return { render: jsonRenderer(compileValue(body.json), body.json), contentType: 'application/json' };
  if (body.form !== undefined) {
    const fields = Object.entries(body.form).map(
      ([key, value]) => [key, compileTemplate(String(value))] as const,
    );
    return {
      render: (vars, onMissing) =>
        new URLSearchParams(
          fields.map(([k, t]): [string, string] => [k, renderTemplate(t, vars, onMissing)]),
        ).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (body.base64 !== undefined) {
    const bytes = Buffer.from(body.base64.replace(/\s+/g, ''), 'base64');
    return { render: () => bytes, contentType: body.contentType ?? 'application/octet-stream' };
  }
  if (body.file !== undefined) {
    const bytes = assetBytes(assets, body.file);
    return { render: () => bytes, contentType: body.contentType ?? 'application/octet-stream' };
  }
  if (body.multipart !== undefined) return multipartBody(body.multipart, assets);
  const raw = compileTemplate(body.raw ?? '');
  return {
    render: (vars, onMissing) => renderTemplate(raw, vars, onMissing),
    contentType: body.contentType ?? 'text/plain; charset=utf-8',
  };
}

type MultipartSpec = NonNullable<NonNullable<RequestSpec['body']>['multipart']>;

/**
 * multipart/form-data (RFC 7578) as k6 writes it for http.file: one part per field, files with their name
 * and type (application/octet-stream unless given), text with templates rendered per iteration. The
 * boundary is random per request definition, as a browser's is per form.
 */
function multipartBody(fields: MultipartSpec, assets: PresetAssets): Omit<CompiledBody, 'contentEncoding'> {
  const boundary = `----FPTFormBoundary${randomBytes(12).toString('hex')}`;
  const parts = Object.entries(fields).map(([name, part]) => {
    const field = name.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
    if (typeof part === 'object' && 'file' in part) {
      const filename = (part.filename ?? basename(part.file)).replace(/"/g, '%22').replace(/\r|\n/g, ' ');
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`;
      const bytes = assetBytes(assets, part.file);
      return () => [Buffer.from(head), bytes];
    }
    const value = typeof part === 'object' ? part.value : String(part);
    const type = typeof part === 'object' ? `Content-Type: ${part.contentType}\r\n` : '';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n${type}\r\n`,
    );
    const template = compileTemplate(value);
    return (vars: Variables, onMissing: (name: string) => void) => [
      head,
      Buffer.from(renderTemplate(template, vars, onMissing)),
    ];
  });
  const closing = Buffer.from(`--${boundary}--\r\n`);
  const crlf = Buffer.from('\r\n');
  const build = (vars: Variables, onMissing: (name: string) => void) => {
    const pieces: Buffer[] = [];
    for (const part of parts) pieces.push(...part(vars, onMissing), crlf);
    pieces.push(closing);
    return Buffer.concat(pieces);
  };
  const constant = !containsTemplate(fields);
  const fixed = constant ? build(new Map(), () => {}) : undefined;
  return {
    render: fixed ? () => fixed : build,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function assetBytes(assets: PresetAssets, file: string): Buffer {
  const bytes = assets[file];
  if (bytes === undefined)
    throw new EngineError(
      `the file ${file} was not read with the preset`,
      'load the preset with loadPresetFile',
    );
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function compressor(coding: NonNullable<RequestSpec['compression']>): (body: Buffer) => Buffer {
  switch (coding) {
    case 'gzip':
      return (body) => zlib.gzipSync(body);
    case 'deflate':
      return (body) => zlib.deflateSync(body);
    case 'br':
      return (body) => zlib.brotliCompressSync(body);
    case 'zstd': {
      const zstd = (zlib as unknown as { zstdCompressSync?: (body: Buffer) => Buffer }).zstdCompressSync;
      if (!zstd)
        throw new EngineError(
          `compression: zstd needs Node 22.15 or later (this is ${process.version})`,
          'use gzip, deflate or br, or run FPT on a newer Node',
        );
      return zstd;
    }
  }
}

function jsonRenderer(value: CompiledValue, source: unknown): BodyRenderer {
  if (!containsTemplate(source)) {
    const fixed = JSON.stringify(source);
    return () => fixed;
  }
  return (vars, onMissing) => JSON.stringify(value(vars, onMissing));
}
