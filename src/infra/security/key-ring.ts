import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key of DATA_KEYS: `kid` is stored with every ciphertext it makes. */
export interface DataKey {
  kid: string;
  key: Buffer;
}

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type DataKeyErrorCode = 'data_key_unknown' | 'data_key_mismatch' | 'data_malformed';

/** A stored secret that cannot be decrypted; the message names the key id, never the data. */
export class DataKeyError extends Error {
  constructor(
    readonly code: DataKeyErrorCode,
    readonly kid: string,
    readonly purpose: string,
  ) {
    super(
      code === 'data_key_unknown'
        ? `the secret "${purpose}" was encrypted with data key "${kid}", which is not in DATA_KEYS (add it back after the current key)`
        : code === 'data_key_mismatch'
          ? `the secret "${purpose}" does not decrypt with data key "${kid}" (another key with the same id, or the document was altered)`
          : `the secret "${purpose}" is not a valid ciphertext`,
    );
    this.name = 'DataKeyError';
  }
}

/**
 * Secrets at rest: AES-256-GCM under the first key, decrypted with whichever key made them.
 * `purpose` is authenticated data naming the field and its document, so a ciphertext copied
 * into another field or document does not decrypt.
 */
export interface KeyRing {
  readonly currentKid: string;
  /** `enc:v1:<kid>:<iv>:<tag>:<ciphertext>` (base64url parts) under the current key */
  seal(plain: string, purpose: string): string;
  /** the clear text; a value stored before encryption (not `enc:v1:`) is returned as it is */
  open(stored: string, purpose: string): string;
  isSealed(stored: unknown): stored is string;
  /** the key id of a sealed value, or null for clear text */
  kidOf(stored: string): string | null;
  /** sealed under the current key: nothing to rewrite */
  isCurrent(stored: string): boolean;
}

const b64 = (b: Buffer) => b.toString('base64url');

export function createKeyRing(keys: readonly DataKey[]): KeyRing {
  const current = keys[0];
  if (!current) throw new Error('a key ring needs at least one key');
  for (const k of keys) if (k.key.length !== 32) throw new Error(`data key "${k.kid}" must be 32 bytes`);
  const byKid = new Map(keys.map((k) => [k.kid, k.key]));
  const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(PREFIX);
  const kidOf = (v: string) => (isSealed(v) ? (v.slice(PREFIX.length).split(':', 1)[0] ?? '') : null);

  return {
    currentKid: current.kid,
    seal(plain, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${current.kid}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(ct)}`;
    },
    open(stored, purpose) {
      if (!isSealed(stored)) return stored;
      const [kid = '', iv = '', tag = '', ct, ...rest] = stored.slice(PREFIX.length).split(':');
      if (ct === undefined || rest.length > 0) throw new DataKeyError('data_malformed', kid, purpose);
      const key = byKid.get(kid);
      if (!key) throw new DataKeyError('data_key_unknown', kid, purpose);
      try {
        // a fixed tag length: GCM would otherwise accept a truncated (weaker) tag
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new DataKeyError('data_key_mismatch', kid, purpose);
      }
    },
    isSealed,
    kidOf,
    isCurrent: (v) => kidOf(v) === current.kid,
  };
}
