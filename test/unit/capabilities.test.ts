import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Core is a small kernel (cards, chat, domain, i18n, periods, ports and the top-level files)
 * under capabilities, each in its own folder. A capability reaches another only through that
 * one's index.ts; the kernel names a capability's types by their file (a port's record type)
 * but never runs capability code (only the i18n engine reads each capability's catalog/).
 */
const CORE = 'src/core';
const KERNEL = new Set(['cards', 'chat', 'domain', 'i18n', 'periods', 'ports']);

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** [importer, imported path inside src/core, type-only] for each relative import */
function imports(): [string, string, boolean][] {
  const re = /^(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'(\.[^']+)'/gm;
  return files(CORE).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(re)].map((m) => {
      const names = m[2] ?? '';
      const typeOnly = Boolean(m[1]) || (/^\{[^}]*\}$/.test(names) && names.slice(1, -1).split(',').filter((x) => x.trim()).every((x) => x.trim().startsWith('type ')));
      return [f, normalize(join(dirname(f), m[3]!)), typeOnly] as [string, string, boolean];
    }),
  );
}

const unitOf = (p: string) => {
  const parts = relative(CORE, p).split(sep);
  return parts.length > 1 ? parts[0]! : '(kernel file)';
};
const isCapability = (unit: string) => unit !== '(kernel file)' && !KERNEL.has(unit);

describe('core by capability', () => {
  it('has the capability folders', () => {
    const units = readdirSync(CORE).filter((f) => statSync(join(CORE, f)).isDirectory());
    for (const c of ['kpi', 'surveys', 'meetings', 'reports', 'alerts', 'ingest', 'settings']) expect(units).toContain(c);
  });

  it('a capability reaches another only through its index.ts', () => {
    const offenders = imports()
      .filter(([from, to]) => {
        const [a, b] = [unitOf(from), unitOf(to)];
        const catalog = from === join(CORE, 'i18n', 'index.ts') && to.includes(`${sep}catalog${sep}`);
        return isCapability(a) && a !== b && isCapability(b) && relative(join(CORE, b), to) !== 'index.js' && !catalog;
      })
      .map(([from, to]) => `${from} → ${to}`);
    expect(offenders).toEqual([]);
  });

  it('the kernel does not run capability code (types and the i18n catalogs only)', () => {
    const offenders = imports()
      .filter(([from, to, typeOnly]) => !isCapability(unitOf(from)) && isCapability(unitOf(to)) && !typeOnly && !to.includes(`${sep}catalog${sep}`))
      .map(([from, to]) => `${from} → ${to}`);
    expect(offenders).toEqual([]);
  });

  it('capabilities do not depend on each other in a circle', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to, typeOnly] of imports()) {
      const [a, b] = [unitOf(from), unitOf(to)];
      if (typeOnly || a === b || !isCapability(a) || !isCapability(b)) continue;
      edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
    const reaches = (a: string, target: string, seen = new Set<string>()): boolean =>
      [...(edges.get(a) ?? [])].some((b) => b === target || (!seen.has(b) && (seen.add(b), reaches(b, target, seen))));
    expect([...edges.keys()].filter((a) => reaches(a, a))).toEqual([]);
  });
});
