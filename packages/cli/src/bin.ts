#!/usr/bin/env node
import module from 'node:module';
import { currentBundle } from './current-bundle.js';

// Node 22.1+ keeps V8's compiled code between runs; Node 20 has no compile cache, and skips this.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The bundle (scripts/bundle.mjs) starts a command in half the CPU of the hundreds of modules it is made of
// (docs/architecture.md, The build); both run the same code.
await import(currentBundle(new URL('./bundle/', import.meta.url)) ?? './main.js');
