import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createModels } from '../../src/infra/mongo/models.js';
import { LOCALES, messageKeys } from '../../src/core/i18n/index.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('house rules', () => {
  it('core/ never imports a platform SDK, mongoose, node-cron or quickchart-js', () => {
    const forbidden = /from ['"](@slack\/|@microsoft\/|mongoose|mongodb|node-cron|quickchart-js|express)/;
    const offenders = files('src/core').filter((f) => forbidden.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('src/ never writes to the console (logs go through pino)', () => {
    const offenders = files('src').filter((f) => /console\.(log|info|warn|error|debug)\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every index of every collection is led by tenantId', () => {
    const models = createModels(mongoose.createConnection());
    const indexes = Object.values(models).flatMap((m) => m.schema.indexes().map(([fields]) => [m.modelName, Object.keys(fields)[0]] as const));
    expect(indexes.length).toBeGreaterThan(10);
    // an API key is looked up (by hash, or by id to revoke it) before its tenant is known
    const beforeTenant = new Set(['ApiKey.keyHash', 'ApiKey.keyId']);
    expect(indexes.filter(([model, first]) => first !== 'tenantId' && !beforeTenant.has(`${model}.${first}`))).toEqual([]);
  });

  it('every message exists in pt-BR and en', () => {
    const [a, b] = LOCALES.map((l) => new Set(messageKeys(l)));
    expect([...a!].filter((k) => !b!.has(k))).toEqual([]);
    expect([...b!].filter((k) => !a!.has(k))).toEqual([]);
  });
});
