#!/usr/bin/env node
// Runs src/cli/main.ts through tsx, so `npx cs-ops …` works from a checkout without a build.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
// resolved from here, not from the caller's directory
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, script, ...process.argv.slice(2)], { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal: wait for it to stop; pass other signals on
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (e) => {
  process.stderr.write(`cs-ops: could not start node: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
