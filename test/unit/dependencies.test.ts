/**
 * Production installs `dependencies` only (Dockerfile: `npm prune --omit=dev`, then
 * `node dist/main.js`): what src/ imports must be there, and nothing unused may sit there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const bare = (re: RegExp) =>
  new Set(
    files('src')
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(re)].map((m) => m[1]!))
      .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
      .map(packageOf),
  );

describe('dependencies', () => {
  it('every package src/ imports statically is a production dependency', () => {
    const imported = bare(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm);
    expect([...imported].filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });

  it('every production dependency is imported by src/ (dev tools such as tsx or json5 are devDependencies)', () => {
    const imported = new Set([...bare(/from\s+'([^']+)'/g), ...bare(/import\(\s*'([^']+)'\s*\)/g)]);
    expect(Object.keys(pkg.dependencies).filter((p) => !imported.has(p))).toEqual([]);
  });
});
