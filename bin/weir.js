#!/usr/bin/env node
// Starts the Weir CLI (needs Node 24, which runs the TypeScript sources directly).
await import('../src/cli/main.ts');
