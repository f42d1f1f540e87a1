/**
 * The phases k6 reports, measured from undici's handler callbacks and our own connector:
 *  - blocked: from dispatch until the request got a connection, less connecting and TLS time
 *  - connecting / tlsHandshaking: TCP connect and TLS handshake of a new connection (0 on reuse)
 *  - sending: from the connection being handed to the request (onConnect) to the last byte written (onRequestSent)
 *  - waiting: from the last byte written to the response headers (time to first byte)
 *  - receiving: from the headers to the end of the body
 * duration = sending + waiting + receiving, as in k6. Times are monotonic milliseconds (performance.now()).
 */
export interface HttpTimings {
  blockedMs: number;
  connectingMs: number;
  tlsHandshakingMs: number;
  sendingMs: number;
  waitingMs: number;
  receivingMs: number;
  durationMs: number;
}

export function emptyTimings(): HttpTimings {
  return {
    blockedMs: 0,
    connectingMs: 0,
    tlsHandshakingMs: 0,
    sendingMs: 0,
    waitingMs: 0,
    receivingMs: 0,
    durationMs: 0,
  };
}
