import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** `file:line: text` of every line under `dir` that matches. */
const lines = (dir: string, pattern: RegExp) =>
  files(dir).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
  );

describe('core knows its chat platforms only through the ChatPlatform port', () => {
  it('never compares a platform name (capabilities and per-platform tables instead)', () => {
    expect(lines('src/core', /[!=]==\s*'(slack|teams|console)'|'(slack|teams|console)'\s*[!=]==/)).toEqual([]);
  });

  it('never writes a command prefix from a platform name (the platform says its prefix)', () => {
    expect(lines('src/core', /'(teams|slack)'\s*\?\s*''\s*:\s*'\/'|\?\s*''\s*:\s*'\/'/)).toEqual([]);
  });
});

describe('adapters reach storage and the SDKs through their ports and types', () => {
  it('no adapter holds the mongoose models (installations and conversation references are a repository port)', () => {
    expect(lines('src/adapters', /\bModels\b/)).toEqual([]);
  });

  it('Teams activities are read with zod and invoke answers typed with the SDK’s own types, not cast', () => {
    expect(lines('src/adapters/teams', /\bas never\b|\bas unknown as\b/)).toEqual([]);
  });
});
