import { describe, expect, it } from 'vitest';
import { encodeRequestHead, InvalidRequestError, RequestHeadCache } from '../src/http/http1-request-head.js';
import {
  HttpParseError,
  maxResponseHeadBytes,
  ResponseParser,
  type ResponseParserEvents,
} from '../src/http/http1-response-parser.js';

interface Parsed {
  statuses: number[];
  headers: string[];
  body: string;
  completions: boolean[];
  stoppedAt: number;
}

/** Feeds `wire` to a parser in pieces of `piece` bytes (through one reused buffer, as a socket would). */
function parse(wire: string, method = 'GET', piece = wire.length): Parsed {
  const parsed: Parsed = { statuses: [], headers: [], body: '', completions: [], stoppedAt: -1 };
  const events: ResponseParserEvents = {
    onResponseHead(status, headers) {
      parsed.statuses.push(status);
      parsed.headers.push(headers);
    },
    onResponseBody(buf, start, end) {
      parsed.body += buf.toString('latin1', start, end);
    },
    onResponseComplete(keepAlive) {
      parsed.completions.push(keepAlive);
    },
  };
  const parser = new ResponseParser(events);
  parser.expect(method);
  const bytes = Buffer.from(wire, 'latin1');
  // Garbage after each piece: the parser must never read past `end` of a shared buffer.
  const reused = Buffer.alloc(piece + 64, '\r\n\r\n0\r\n');
  for (let at = 0; at < bytes.length; at += piece) {
    const length = Math.min(piece, bytes.length - at);
    reused.fill('\r\n\r\n');
    bytes.copy(reused, 0, at, at + length);
    const stopped = parser.feed(reused, 0, length);
    if (stopped < length) {
      parsed.stoppedAt = at + stopped;
      break;
    }
  }
  return parsed;
}

/** The same response cut at every byte boundary must parse to the same thing. */
function parseAtEveryPiece(wire: string, method = 'GET'): Parsed {
  const whole = parse(wire, method);
  for (let piece = 1; piece < wire.length; piece++) {
    expect(parse(wire, method, piece), `pieces of ${piece} bytes`).toEqual(whole);
  }
  return whole;
}

describe('HTTP/1.1 response parser', () => {
  it('reads a Content-Length body, split at any byte', () => {
    const parsed = parseAtEveryPiece(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello',
    );
    expect(parsed.statuses).toEqual([200]);
    expect(parsed.headers).toEqual(['Content-Type: text/plain\r\nContent-Length: 5\r\n']);
    expect(parsed.body).toBe('hello');
    expect(parsed.completions).toEqual([true]);
  });

  it('reassembles a chunked body with extensions and trailers, split at any byte', () => {
    const parsed = parseAtEveryPiece(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: yes\r\n\r\n',
    );
    expect(parsed.body).toBe('hello, chunked!');
    expect(parsed.completions).toEqual([true]);
  });

  it('reads a chunked body without trailers', () => {
    expect(
      parseAtEveryPiece('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n').body,
    ).toBe('abc');
  });

  it('skips 1xx interim responses and reports the final one', () => {
    const parsed = parseAtEveryPiece(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
    );
    expect(parsed.statuses).toEqual([201]);
    expect(parsed.body).toBe('ok');
  });

  it('expects no body after HEAD, 204 and 304 whatever Content-Length says', () => {
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 120\r\n\r\n', 'HEAD').completions).toEqual([true]);
    expect(parse('HTTP/1.1 204 No Content\r\n\r\n').completions).toEqual([true]);
    expect(parse('HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n').completions).toEqual([true]);
  });

  it('reads a body without length until the connection closes, and the connection is not kept', () => {
    const events = { body: '', completions: [] as boolean[] };
    const parser = new ResponseParser({
      onResponseHead() {},
      onResponseBody: (buf, start, end) => {
        events.body += buf.toString('latin1', start, end);
      },
      onResponseComplete: (keepAlive) => {
        events.completions.push(keepAlive);
      },
    });
    parser.expect('GET');
    const wire = Buffer.from('HTTP/1.1 200 OK\r\n\r\nall of it');
    parser.feed(wire, 0, wire.length);
    expect(parser.endsAtClose).toBe(true);
    expect(events.completions).toEqual([]);
    expect(parser.finishAtClose()).toBe(true);
    expect(events).toEqual({ body: 'all of it', completions: [false] });
  });

  it('a response cut short is not complete when the connection closes', () => {
    const parser = new ResponseParser({ onResponseHead() {}, onResponseBody() {}, onResponseComplete() {} });
    parser.expect('GET');
    const wire = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort');
    parser.feed(wire, 0, wire.length);
    expect(parser.finishAtClose()).toBe(false);
  });

  it('honours Connection: close, HTTP/1.0 keep-alive and the Keep-Alive timeout hint', () => {
    expect(parse('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').completions).toEqual([
      false,
    ]);
    expect(parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').completions).toEqual([false]);
    expect(
      parse('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n').completions,
    ).toEqual([true]);
    const parser = new ResponseParser({ onResponseHead() {}, onResponseBody() {}, onResponseComplete() {} });
    parser.expect('GET');
    const wire = Buffer.from('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n');
    parser.feed(wire, 0, wire.length);
    expect(parser.keepAliveHintMs).toBe(5000);
  });

  it('stops at the end of the response when more bytes follow', () => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n';
    expect(parse(wire).stoppedAt).toBe(wire.indexOf('okHTTP') + 2);
  });

  it.each([
    ['not HTTP', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', /expected an HTTP\/1.x status line/],
    ['a bad status code', 'HTTP/1.1 2x0 OK\r\n\r\n', /bad status code/],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /header line without a colon/],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello', /bad header name/],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /bad Content-Length/],
    [
      'two Content-Lengths that disagree',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      /bad Content-Length/,
    ],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size/],
    [
      'a chunk longer than its size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n',
      /longer than its size/,
    ],
    ['a protocol upgrade', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n', /upgrade/],
  ])('rejects %s with HttpParseError', (_, wire, message) => {
    expect(() => parse(wire)).toThrow(HttpParseError);
    expect(() => parse(wire)).toThrow(message);
  });

  it('refuses a head longer than the limit instead of buffering it forever', () => {
    const parser = new ResponseParser({ onResponseHead() {}, onResponseBody() {}, onResponseComplete() {} });
    parser.expect('GET');
    const line = Buffer.from(`HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(1000)}`);
    expect(() => {
      for (let fed = 0; fed <= maxResponseHeadBytes; fed += line.length) parser.feed(line, 0, line.length);
    }).toThrow(/longer than 65536 bytes/);
  });
});

describe('HTTP/1.1 request head', () => {
  const framing = { hostHeader: '127.0.0.1:8080', targetPrefix: '', extraLines: '' };
  const head = (method: string, path: string, headers: string[], bodyBytes?: number, cookie?: string) =>
    encodeRequestHead({ method, path, headers, cookie }, framing, bodyBytes);

  it('writes the request line, host, headers and the body length', () => {
    expect(head('POST', '/items?x=1', ['user-agent', 'fpt', 'x-a', 'b'], 7)).toBe(
      'POST /items?x=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nuser-agent: fpt\r\nx-a: b\r\ncontent-length: 7\r\n\r\n',
    );
    expect(head('GET', '/', [])).toBe('GET / HTTP/1.1\r\nhost: 127.0.0.1:8080\r\n\r\n');
    expect(head('PUT', '/', [])).toContain('content-length: 0\r\n');
  });

  it("lets the preset's Host header replace the origin's and drops a declared content-length", () => {
    expect(head('POST', '/', ['Host', 'api.example.test', 'Content-Length', '999'], 2)).toBe(
      'POST / HTTP/1.1\r\nhost: api.example.test\r\ncontent-length: 2\r\n\r\n',
    );
  });

  it("sends the jar's cookies in one Cookie header, after the preset's own", () => {
    expect(head('GET', '/', [], undefined, 'a=1; b=2')).toBe(
      'GET / HTTP/1.1\r\nhost: 127.0.0.1:8080\r\ncookie: a=1; b=2\r\n\r\n',
    );
    expect(head('GET', '/', ['Cookie', 'mine=0'], undefined, 'a=1')).toBe(
      'GET / HTTP/1.1\r\nhost: 127.0.0.1:8080\r\ncookie: mine=0; a=1\r\n\r\n',
    );
  });

  it.each([
    ['a header value with a line break', ['x-a', 'b\r\nx-injected: 1'], /line break/],
    ['a control character', ['x-a', 'b\u0007c'], /control character/],
    ['a header name with a space', ['x a', 'b'], /invalid header name/],
    [
      'a Transfer-Encoding of its own',
      ['Transfer-Encoding', 'chunked'],
      /frames request bodies with content-length/,
    ],
  ])('refuses %s', (_, headers, message) => {
    expect(() => head('GET', '/', headers)).toThrow(InvalidRequestError);
    expect(() => head('GET', '/', headers)).toThrow(message);
  });

  it('sends header values as UTF-8 bytes ("café", "日本"), never as latin1, and never a bare line break', () => {
    const cache = new RequestHeadCache(framing);
    const bytes = cache.encode(
      { method: 'GET', path: '/', headers: ['X-City', 'café 日本', 'X-Odd', 'Ċ'] },
      undefined,
    );
    expect(
      bytes.includes(
        Buffer.from('X-City: caf\u00c3\u00a9 \u00e6\u0097\u00a5\u00e6\u009c\u00ac\r\n', 'latin1'),
      ),
    ).toBe(true);
    // U+010A is C4 8A in UTF-8: no byte of it can end a header line.
    expect(bytes.includes(Buffer.from([0xc4, 0x8a, 0x0d, 0x0a]))).toBe(true);
    expect(
      bytes
        .toString('latin1')
        .split('\n')
        .every((line) => line === '' || line.endsWith('\r')),
    ).toBe(true);
  });

  it('keeps header names as the preset writes them', () => {
    expect(head('GET', '/', ['X-Request-ID', '1', 'accept', '*/*'])).toContain(
      'X-Request-ID: 1\r\naccept: */*\r\n',
    );
  });

  it('refuses a path with spaces and a method that is not a token', () => {
    expect(() => head('GET', '/a b', [])).toThrow(/invalid request path/);
    expect(() => head('G T', '/', [])).toThrow(/invalid HTTP method/);
  });

  it('the cache returns the same bytes for the same request and new bytes when anything changes', () => {
    const cache = new RequestHeadCache({ hostHeader: 'h', targetPrefix: '', extraLines: '' });
    const headers = ['x-a', 'b'];
    const encode = (method: string, path: string, list: string[], bodyBytes?: number, cookie?: string) =>
      cache.encode({ method, path, headers: list, cookie }, bodyBytes);
    const first = encode('GET', '/a', headers);
    expect(encode('GET', '/a', headers)).toBe(first);
    expect(encode('GET', '/b', headers).toString()).toContain('GET /b ');
    expect(encode('GET', '/b', ['x-a', 'c']).toString()).toContain('x-a: c');
    expect(encode('POST', '/b', headers, 3).toString()).toContain('content-length: 3');
    expect(encode('POST', '/b', headers, 3, 's=1').toString()).toContain('cookie: s=1');
  });
});
