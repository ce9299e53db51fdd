#!/usr/bin/env node
/** cs-ops entry point: `npx cs-ops kpi week --tenant T0DEMO001` (see ops.ts and --help). */
import { runCli } from './ops.js';

const exit = (code: number) => {
  // exit only once stdout is flushed: pipes are asynchronous on some systems
  process.stdout.write('', () => process.exit(code));
};

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(exit, (e: unknown) => {
  process.stderr.write(`cs-ops failed: ${(e as Error).message}\n`);
  exit(1);
});
