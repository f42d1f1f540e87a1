import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectTarget } from './connect-target.js';
import { type Connection, type ExchangeHandler, HttpProtocol } from './connection.js';
import { CodedRequestError, ErrorCode, http2ErrorCode } from './error-codes.js';
import type { ExchangeRequest } from './exchange-request.js';
import { HpackDecoder } from './hpack/hpack-decoder.js';
import { HpackEncoder } from './hpack/hpack-encoder.js';
import { ConnectionClosedError } from './http1-connection.js';
import { http2ErrorName } from './http2-error-name.js';
import {
  connectionPreface,
  defaultMaxFrameSize,
  defaultWindowSize,
  FrameFlag,
  FrameType,
  frame,
  frameHeaderBytes,
  goawayFrame,
  Http2ErrorCode,
  rstStreamFrame,
  Setting,
  settingsFrame,
  windowUpdateFrame,
  writeFrameHeader,
} from './http2-frames.js';
import { http2RequestHeaders } from './http2-request-headers.js';
import { type OpeningSocket, openSocket } from './open-socket.js';
import { tlsVersionTag } from './tls-version-tag.js';

/** Go's transport windows: 4 MiB per stream, 1 GiB per connection, so big bodies do not wait on WINDOW_UPDATEs. */
const streamWindowBytes = 4 * 1024 * 1024;
const connectionWindowBytes = 1024 * 1024 * 1024;
/** Received bytes are acknowledged (WINDOW_UPDATE) once this much of a window is used. */
const streamAckBytes = streamWindowBytes / 2;
const connectionAckBytes = 16 * 1024 * 1024;
const maxStreamId = 2 ** 31 - 1;

/**
 * A request the server never processed (a GOAWAY named an earlier last stream, or REFUSED_STREAM): safe to
 * send again on a new connection, whatever its method (RFC 9113 §8.7).
 */
export class UnprocessedRequestError extends CodedRequestError {
  readonly unprocessed = true;
}

/** An earlier connection's times, when the socket was opened there and handed over (ALPN chose h2). */
export interface ConnectTimes {
  readonly connectStartMs: number;
  readonly tcpConnectedMs: number;
  readonly tlsConnectedMs: number;
}

/**
 * One HTTP/2 connection of a VU, one stream at a time as a k6 VU sends one request at a time. FPT speaks
 * the framing itself over the socket it opened (HPACK, flow control, SETTINGS, PING, GOAWAY, RST_STREAM),
 * as it speaks HTTP/1.1: node:http2's per-stream objects cost about ten times the CPU of a request here.
 * The phases are measured as over HTTP/1.1: connecting and TLS of a new connection, sending until the
 * HEADERS (and DATA) are written, waiting until the response's HEADERS, receiving until END_STREAM.
 */
export class Http2Connection implements Connection {
  protocol: HttpProtocol | undefined;
  readonly #target: ConnectTarget;
  readonly #scheme: 'http' | 'https';
  readonly #encoder = new HpackEncoder();
  readonly #decoder = new HpackDecoder();
  #socket: Socket | undefined;
  #opening: OpeningSocket | undefined;
  #handed: TLSSocket | undefined;
  #usable = true;
  #handler: ExchangeHandler | undefined;
  #request: ExchangeRequest | undefined;
  /** The current stream, 0 when none; a stream we reset is forgotten (its frames are still read). */
  #streamId = 0;
  #nextStreamId = 1;
  #gotFinalHead = false;
  // What the server allows us to send.
  #peerMaxFrameSize = defaultMaxFrameSize;
  #peerInitialWindow = defaultWindowSize;
  #connectionSendWindow = defaultWindowSize;
  #streamSendWindow = defaultWindowSize;
  #body: Buffer | undefined;
  #bodySent = 0;
  // What we have received and not yet acknowledged.
  #connectionUnacked = 0;
  #streamUnacked = 0;
  // Frame reading: a frame split across reads, and a header block split across CONTINUATIONs.
  #partial: Buffer | undefined;
  #headerFragments: Buffer[] | undefined;
  #headerStreamId = 0;
  #headerEndStream = false;
  #lastStreamId = Number.POSITIVE_INFINITY;
  #goAwayCode = 0;
  // The last HEADERS block, kept while the encoder's table has not changed since it was written.
  #cachedFields: readonly string[] | undefined;
  #cachedKey = '';
  #cachedGeneration = -1;
  #cachedBlock: Buffer | undefined;
  completedExchanges = 0;
  tlsVersion: string | undefined;

  fresh = false;
  connectStartMs = 0;
  tcpConnectedMs = 0;
  tlsConnectedMs = 0;
  connectedMs = 0;
  sentMs = 0;
  firstByteMs = 0;
  endMs = 0;
  bytesSent = 0;
  bytesReceived = 0;

  constructor(target: ConnectTarget) {
    this.#target = target;
    this.#scheme = target.tls ? 'https' : 'http';
  }

  /** An HTTP/2 connection over a socket whose handshake chose h2 elsewhere; its first exchange is fresh. */
  static adopt(target: ConnectTarget, socket: TLSSocket, times: ConnectTimes): Http2Connection {
    const connection = new Http2Connection(target);
    connection.#handed = socket;
    connection.connectStartMs = times.connectStartMs;
    connection.tcpConnectedMs = times.tcpConnectedMs;
    connection.tlsConnectedMs = times.tlsConnectedMs;
    connection.tlsVersion = tlsVersionTag(socket);
    return connection;
  }

  usableAt(): boolean {
    return this.#usable;
  }

  exchange(handler: ExchangeHandler, request: ExchangeRequest, nowMs: number): void {
    this.#handler = handler;
    this.#request = request;
    this.bytesSent = 0;
    this.bytesReceived = 0;
    this.firstByteMs = 0;
    this.endMs = 0;
    this.connectedMs = nowMs;
    this.sentMs = nowMs;
    if (this.#socket !== undefined) {
      this.fresh = false;
      this.#send();
      return;
    }
    this.fresh = true;
    const handed = this.#handed;
    if (handed !== undefined) {
      this.#handed = undefined;
      this.#begin(handed, this.tlsConnectedMs);
      return;
    }
    this.#open(nowMs);
  }

  abort(reason: Error): void {
    // Only the stream is cancelled; the connection stays for the VU's next request.
    if (this.#streamId !== 0 && this.#socket && !this.#socket.destroyed) {
      this.#write(rstStreamFrame(this.#streamId, Http2ErrorCode.cancel));
      this.#streamId = 0;
    } else if (this.#socket === undefined) {
      this.close();
    }
    this.#fail(reason);
  }

  close(): void {
    this.#usable = false;
    const opening = this.#opening;
    this.#opening = undefined;
    opening?.destroy();
    this.#handed?.destroy();
    if (this.#socket && !this.#socket.destroyed) {
      this.#socket.end(
        goawayFrame(this.#nextStreamId > 1 ? this.#nextStreamId - 2 : 0, Http2ErrorCode.noError),
      );
      this.#socket.destroy();
    }
    if (this.#handler) this.#fail(new ConnectionClosedError(this.bytesReceived === 0));
  }

  #open(nowMs: number): void {
    this.connectStartMs = nowMs;
    this.tcpConnectedMs = nowMs;
    this.tlsConnectedMs = 0;
    this.#opening = openSocket(
      this.#target,
      { alpn: ['h2'], tunnelPlain: true },
      {
        onTcpConnected: (atMs) => {
          this.tcpConnectedMs = atMs;
        },
        onReady: (socket, atMs) => {
          this.#opening = undefined;
          if (this.#target.tls) {
            const tlsSocket = socket as TLSSocket;
            this.tlsConnectedMs = atMs;
            this.tlsVersion = tlsVersionTag(tlsSocket);
            if (tlsSocket.alpnProtocol !== 'h2') {
              socket.destroy();
              this.#usable = false;
              this.#fail(
                new CodedRequestError(
                  ErrorCode.http2Generic,
                  `the server does not offer HTTP/2 (ALPN chose ${tlsSocket.alpnProtocol || 'nothing'}); use target.http: auto or http1`,
                ),
              );
              return;
            }
          }
          this.#begin(socket, atMs);
        },
        onFailed: (error) => {
          this.#opening = undefined;
          this.#usable = false;
          this.#fail(error);
        },
      },
    );
  }

  /** The socket is ready: preface, our SETTINGS and window, then the waiting request, in one write. */
  #begin(socket: Socket, readyMs: number): void {
    this.protocol = HttpProtocol.http2;
    this.#socket = socket;
    this.connectedMs = readyMs;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#onSocketGone(error));
    socket.on('close', () => this.#onSocketGone(undefined));
    socket.cork();
    this.#write(connectionPreface);
    this.#write(
      settingsFrame([
        [Setting.enablePush, 0],
        [Setting.initialWindowSize, streamWindowBytes],
      ]),
    );
    this.#write(windowUpdateFrame(0, connectionWindowBytes - defaultWindowSize));
    if (this.#request) this.#send();
    socket.uncork();
  }

  #write(bytes: Buffer): void {
    this.#socket!.write(bytes);
    this.bytesSent += bytes.length;
  }

  /** Opens a stream for the current request: HEADERS (+ CONTINUATION), then as much DATA as the windows allow. */
  #send(): void {
    const request = this.#request!;
    if (this.#nextStreamId > maxStreamId) {
      this.#usable = false;
      this.#fail(
        new UnprocessedRequestError(ErrorCode.http2Generic, 'HTTP/2: the connection ran out of stream ids'),
      );
      return;
    }
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? Buffer.from(request.body)
          : request.body;
    let block: Buffer;
    try {
      block = this.#headerBlock(request, body?.length);
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    const streamId = this.#nextStreamId;
    this.#nextStreamId += 2;
    this.#streamId = streamId;
    this.#gotFinalHead = false;
    this.#streamSendWindow = this.#peerInitialWindow;
    this.#streamUnacked = 0;
    this.#body = body;
    this.#bodySent = 0;
    const socket = this.#socket!;
    socket.cork();
    const max = this.#peerMaxFrameSize;
    for (let offset = 0; offset < block.length || offset === 0; offset += max) {
      const piece = block.subarray(offset, offset + max);
      const last = offset + max >= block.length;
      const first = offset === 0;
      const flags =
        (last ? FrameFlag.endHeaders : 0) | (first && body === undefined ? FrameFlag.endStream : 0);
      const out = Buffer.allocUnsafe(frameHeaderBytes + piece.length);
      writeFrameHeader(
        out,
        0,
        piece.length,
        first ? FrameType.headers : FrameType.continuation,
        flags,
        streamId,
      );
      piece.copy(out, frameHeaderBytes);
      this.#write(out);
      if (last) break;
    }
    this.#sendBody();
    socket.uncork();
    this.sentMs = performance.now();
  }

  /** The HPACK block of a request, reused while the request and the encoder's table stay the same. */
  #headerBlock(request: ExchangeRequest, bodyBytes: number | undefined): Buffer {
    const key = `${request.method}\u0000${request.path}\u0000${request.cookie ?? ''}\u0000${bodyBytes ?? ''}`;
    if (
      this.#cachedBlock !== undefined &&
      this.#cachedFields === request.headers &&
      this.#cachedKey === key &&
      this.#cachedGeneration === this.#encoder.generation
    )
      return this.#cachedBlock;
    const fields = http2RequestHeaders(request, this.#scheme, this.#target.hostHeader, bodyBytes);
    const block = this.#encoder.encode(fields);
    // A block that added entries cannot be sent again as it is: the second time they are indexes.
    if (this.#encoder.addedEntries) {
      this.#cachedBlock = undefined;
    } else {
      this.#cachedBlock = block;
      this.#cachedFields = request.headers;
      this.#cachedKey = key;
      this.#cachedGeneration = this.#encoder.generation;
    }
    return block;
  }

  /** DATA frames within the smaller of the two send windows; the rest waits for WINDOW_UPDATE. */
  #sendBody(): void {
    const body = this.#body;
    if (body === undefined || this.#streamId === 0) return;
    while (this.#bodySent < body.length || body.length === 0) {
      const room = Math.min(this.#connectionSendWindow, this.#streamSendWindow, this.#peerMaxFrameSize);
      const left = body.length - this.#bodySent;
      if (room <= 0 && left > 0) return;
      const size = Math.min(room, left);
      const last = this.#bodySent + size >= body.length;
      const out = Buffer.allocUnsafe(frameHeaderBytes + size);
      writeFrameHeader(out, 0, size, FrameType.data, last ? FrameFlag.endStream : 0, this.#streamId);
      body.copy(out, frameHeaderBytes, this.#bodySent, this.#bodySent + size);
      this.#write(out);
      this.#bodySent += size;
      this.#connectionSendWindow -= size;
      this.#streamSendWindow -= size;
      if (last) {
        this.#body = undefined;
        return;
      }
    }
  }

  #onData(chunk: Buffer): void {
    this.bytesReceived += chunk.length;
    let buf = chunk;
    if (this.#partial !== undefined) {
      buf = Buffer.concat([this.#partial, chunk]);
      this.#partial = undefined;
    }
    let at = 0;
    try {
      while (buf.length - at >= frameHeaderBytes) {
        const length = (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
        if (length > defaultMaxFrameSize)
          throw this.#connectionError(
            Http2ErrorCode.frameSizeError,
            `a frame of ${length} bytes, above 16384`,
          );
        if (buf.length - at < frameHeaderBytes + length) break;
        const type = buf[at + 3]!;
        const flags = buf[at + 4]!;
        const streamId = buf.readUInt32BE(at + 5) & 0x7fffffff;
        const start = at + frameHeaderBytes;
        at = start + length;
        this.#onFrame(type, flags, streamId, buf, start, at);
        if (this.#socket === undefined || this.#socket.destroyed) return;
      }
    } catch (error) {
      this.#usable = false;
      this.#socket?.destroy();
      this.#fail(error as Error);
      return;
    }
    if (at < buf.length) this.#partial = Buffer.from(buf.subarray(at));
  }

  #onFrame(type: number, flags: number, streamId: number, buf: Buffer, start: number, end: number): void {
    if (this.#headerFragments !== undefined && type !== FrameType.continuation)
      throw this.#connectionError(Http2ErrorCode.protocolError, 'a frame inside a header block');
    switch (type) {
      case FrameType.data:
        this.#onDataFrame(flags, streamId, buf, start, end);
        return;
      case FrameType.headers: {
        let from = start;
        let to = end;
        if (flags & FrameFlag.padded) {
          to -= buf[from]!;
          from += 1;
        }
        if (flags & FrameFlag.priority) from += 5;
        if (from > to) throw this.#connectionError(Http2ErrorCode.protocolError, 'HEADERS padding too long');
        this.#headerStreamId = streamId;
        this.#headerEndStream = (flags & FrameFlag.endStream) !== 0;
        if (flags & FrameFlag.endHeaders) this.#onHeaderBlock(buf, from, to);
        else this.#headerFragments = [Buffer.from(buf.subarray(from, to))];
        return;
      }
      case FrameType.continuation: {
        if (this.#headerFragments === undefined || streamId !== this.#headerStreamId)
          throw this.#connectionError(Http2ErrorCode.protocolError, 'a CONTINUATION out of place');
        this.#headerFragments.push(Buffer.from(buf.subarray(start, end)));
        if (flags & FrameFlag.endHeaders) {
          const block = Buffer.concat(this.#headerFragments);
          this.#headerFragments = undefined;
          this.#onHeaderBlock(block, 0, block.length);
        }
        return;
      }
      case FrameType.rstStream:
        if (streamId === this.#streamId && streamId !== 0) this.#onReset(buf.readUInt32BE(start));
        return;
      case FrameType.settings:
        if ((flags & FrameFlag.ack) === 0) this.#onSettings(buf, start, end);
        return;
      case FrameType.ping:
        if ((flags & FrameFlag.ack) === 0)
          this.#write(frame(FrameType.ping, FrameFlag.ack, 0, buf.subarray(start, end)));
        return;
      case FrameType.goaway:
        this.#onGoAway(buf.readUInt32BE(start) & 0x7fffffff, buf.readUInt32BE(start + 4));
        return;
      case FrameType.windowUpdate: {
        const increment = buf.readUInt32BE(start) & 0x7fffffff;
        if (streamId === 0) this.#connectionSendWindow += increment;
        else if (streamId === this.#streamId) this.#streamSendWindow += increment;
        if (this.#body !== undefined) this.#sendBody();
        return;
      }
      case FrameType.pushPromise:
        // FPT said SETTINGS_ENABLE_PUSH 0: a push is a protocol error (RFC 9113 §8.4).
        throw this.#connectionError(Http2ErrorCode.protocolError, 'the server pushed although push is off');
      default:
        // PRIORITY and unknown frame types carry nothing FPT needs.
        return;
    }
  }

  #onDataFrame(flags: number, streamId: number, buf: Buffer, start: number, end: number): void {
    // Flow control counts every byte of the frame, padding included, on any stream.
    const length = end - start;
    this.#connectionUnacked += length;
    if (this.#connectionUnacked >= connectionAckBytes) {
      this.#write(windowUpdateFrame(0, this.#connectionUnacked));
      this.#connectionUnacked = 0;
    }
    if (streamId !== this.#streamId || streamId === 0) return;
    let from = start;
    let to = end;
    if (flags & FrameFlag.padded) {
      to -= buf[from]!;
      from += 1;
    }
    if (to > from) this.#handler?.onResponseBody(buf, from, to);
    if (this.#streamId === 0) return; // the handler stopped the exchange (a body too large)
    if (flags & FrameFlag.endStream) {
      this.#complete();
      return;
    }
    this.#streamUnacked += length;
    if (this.#streamUnacked >= streamAckBytes) {
      this.#write(windowUpdateFrame(streamId, this.#streamUnacked));
      this.#streamUnacked = 0;
    }
  }

  #onHeaderBlock(buf: Buffer, start: number, end: number): void {
    let decoded: ReturnType<HpackDecoder['decode']>;
    try {
      decoded = this.#decoder.decode(buf, start, end);
    } catch (error) {
      throw this.#connectionError(Http2ErrorCode.compressionError, (error as Error).message);
    }
    if (this.#headerStreamId !== this.#streamId || this.#streamId === 0) return;
    if (!this.#gotFinalHead) {
      if (decoded.status < 0) throw this.#streamError('a response without :status');
      if (decoded.status < 200) return; // an interim answer (103 Early Hints); the final one follows
      this.#gotFinalHead = true;
      this.firstByteMs = performance.now();
      this.#handler?.onResponseHead(decoded.status, decoded.block, decoded.setsCookies);
    }
    if (this.#headerEndStream && this.#streamId !== 0) this.#complete();
  }

  #onSettings(buf: Buffer, start: number, end: number): void {
    for (let at = start; at + 6 <= end; at += 6) {
      const id = buf.readUInt16BE(at);
      const value = buf.readUInt32BE(at + 2);
      if (id === Setting.headerTableSize) this.#encoder.setMaxTableSize(value);
      else if (id === Setting.initialWindowSize) {
        this.#streamSendWindow += value - this.#peerInitialWindow;
        this.#peerInitialWindow = value;
      } else if (id === Setting.maxFrameSize) this.#peerMaxFrameSize = value;
    }
    this.#write(frame(FrameType.settings, FrameFlag.ack, 0));
    if (this.#body !== undefined) this.#sendBody();
  }

  #onGoAway(lastStreamId: number, errorCode: number): void {
    this.#usable = false;
    // A later GOAWAY may only lower the last stream; its NO_ERROR (a graceful close after an error one)
    // does not hide the error the server gave first.
    this.#lastStreamId = Math.min(this.#lastStreamId, lastStreamId);
    if (this.#goAwayCode === 0) this.#goAwayCode = errorCode;
    if (this.#streamId > this.#lastStreamId) {
      this.#streamId = 0;
      this.#fail(
        new UnprocessedRequestError(
          http2ErrorCode('goaway', errorCode),
          `HTTP/2: the server sent GOAWAY (${http2ErrorName(errorCode)}) before processing the request`,
        ),
      );
    }
  }

  #onReset(errorCode: number): void {
    this.#streamId = 0;
    this.#body = undefined;
    this.#fail(
      errorCode === Http2ErrorCode.refusedStream
        ? new UnprocessedRequestError(
            http2ErrorCode('stream', errorCode),
            'HTTP/2: the server refused the stream (REFUSED_STREAM) before processing it',
          )
        : new CodedRequestError(
            http2ErrorCode('stream', errorCode),
            `HTTP/2: the stream was reset with ${http2ErrorName(errorCode)}`,
          ),
    );
  }

  #onSocketGone(error: Error | undefined): void {
    this.#usable = false;
    if (this.#handler === undefined) return;
    if (this.#goAwayCode !== 0)
      this.#fail(
        new CodedRequestError(
          http2ErrorCode('goaway', this.#goAwayCode),
          `HTTP/2: the server ended the connection with GOAWAY ${http2ErrorName(this.#goAwayCode)}`,
          { cause: error },
        ),
      );
    else this.#fail(error ?? new ConnectionClosedError(this.bytesReceived === 0 || !this.#gotFinalHead));
  }

  /** A protocol failure of the whole connection: GOAWAY to the server, and an error for the request. */
  #connectionError(code: number, problem: string): Error {
    this.#usable = false;
    if (this.#socket && !this.#socket.destroyed) this.#socket.end(goawayFrame(0, code));
    return new CodedRequestError(http2ErrorCode('connection', code), `HTTP/2 connection error: ${problem}`);
  }

  #streamError(problem: string): Error {
    if (this.#streamId !== 0) this.#write(rstStreamFrame(this.#streamId, Http2ErrorCode.protocolError));
    this.#streamId = 0;
    return new CodedRequestError(
      http2ErrorCode('stream', Http2ErrorCode.protocolError),
      `HTTP/2: ${problem}`,
    );
  }

  #complete(): void {
    this.#streamId = 0;
    this.completedExchanges++;
    this.endMs = performance.now();
    const closeAfter = this.#request?.closeAfter === true;
    this.#end(undefined);
    if (closeAfter) this.close();
  }

  #fail(error: Error): void {
    if (this.#handler === undefined) return;
    this.#streamId = 0;
    this.endMs = performance.now();
    this.#end(error);
  }

  #end(error: Error | undefined): void {
    if (this.endMs === 0) this.endMs = performance.now();
    const handler = this.#handler;
    this.#handler = undefined;
    this.#request = undefined;
    handler?.onExchangeEnd(error);
  }
}
