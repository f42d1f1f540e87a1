// Types only: this package has no runtime code (test/types-only.test.ts), so a browser bundle or a server
// package can import it without pulling anything in.
export type * from './agent.js';
export type * from './fleet.js';
export type * from './gate.js';
export type * from './summary.js';
