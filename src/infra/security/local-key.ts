import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../observability/logger.js';
import { createKeyRing, type DataKey, type KeyRing } from './key-ring.js';

/** Where development keeps its data (the embedded MongoDB lives there too). */
export const LOCAL_DATA_DIR = fileURLToPath(new URL('../../../.data/', import.meta.url));
export const LOCAL_KEY_ID = 'local';
const FILE = 'data-key';

const parse = (text: string, path: string): DataKey => {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key; delete it to start over (data encrypted with it is then lost)`);
  return { kid: LOCAL_KEY_ID, key };
};

/**
 * Development without DATA_KEYS: a random key kept in `<dir>/data-key` (mode 0600), made on
 * first use. Several processes starting at once agree on one key: the file appears whole
 * (written aside, then linked into place) and the first link wins.
 */
export function loadLocalDataKey(dir = LOCAL_DATA_DIR): { key: DataKey; path: string; created: boolean } {
  const path = join(dir, FILE);
  try {
    return { key: parse(readFileSync(path, 'utf8'), path), path, created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const aside = join(dir, `.${FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(aside, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  // the umask may have narrowed the mode, never widened it; make it exact anyway
  chmodSync(aside, 0o600);
  let created = true;
  try {
    linkSync(aside, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    created = false;
  } finally {
    unlinkSync(aside);
  }
  return { key: parse(readFileSync(path, 'utf8'), path), path, created };
}

/** DATA_KEYS, or (development, tests) the local key, said in the log with where it is kept. */
export function keyRingFor(dataKeys: readonly DataKey[] | undefined, logger: Logger, dir = LOCAL_DATA_DIR): KeyRing {
  if (dataKeys) return createKeyRing(dataKeys);
  const local = loadLocalDataKey(dir);
  logger.warn({ path: local.path, created: local.created }, 'DATA_KEYS is not set: stored secrets are encrypted with a local development key kept in this file');
  return createKeyRing([local.key]);
}
