/**
 * The phases k6 reports, measured by the engine's HTTP/1.1 connection (http1-connection.ts):
 *  - blocked: from dispatch until the request got a ready connection, less connecting and TLS time
 *  - connecting / tlsHandshaking: TCP connect (with its DNS lookup) and TLS handshake of a new connection (0 on reuse)
 *  - sending: from the connection being ready to the request written to the socket
 *  - waiting: from the request written to the first byte of the response (time to first byte)
 *  - receiving: from the first byte to the end of the body
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
