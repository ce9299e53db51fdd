import type { KeyRing } from './key-ring.js';

/**
 * Which stored fields are secrets, and the purpose (authenticated data) each is sealed under:
 * the purpose names the document and the field, so a ciphertext moved elsewhere fails to open.
 */
export const INSTALLATION_SECRET_PATHS = ['bot.token', 'bot.refreshToken', 'user.token', 'user.refreshToken', 'incomingWebhook.url'] as const;
export type InstallationSecretPath = (typeof INSTALLATION_SECRET_PATHS)[number];

export const installationPurpose = (tenantId: string, key: string, path: string) => `slack-installation/${tenantId}/${key}/${path}`;
export const webhookSecretPurpose = (tenantId: string, scheduleId: string) => `report-schedule/${tenantId}/${scheduleId}/webhook.secret`;
export const LINK_SECRET_PURPOSE = 'service/link-secret';
export const CUSTOMER_KEY_PURPOSE = 'service/customer-key-secret';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The string at a dotted path of an installation's data, if there is one. */
export function secretAt(data: Plain, path: InstallationSecretPath): string | undefined {
  const [outer = '', inner = ''] = path.split('.');
  const holder = data[outer];
  return isPlain(holder) && typeof holder[inner] === 'string' ? holder[inner] : undefined;
}

/** A copy of `data` with every secret field passed through `fn` (other fields shared). */
export function mapInstallationSecrets(data: Plain, fn: (value: string, path: InstallationSecretPath) => string): Plain {
  const out: Plain = { ...data };
  for (const path of INSTALLATION_SECRET_PATHS) {
    const value = secretAt(data, path);
    if (value === undefined) continue;
    const [outer = '', inner = ''] = path.split('.');
    out[outer] = { ...(out[outer] as Plain), [inner]: fn(value, path) };
  }
  return out;
}

/** `data` holds clear tokens (as Bolt hands them over); the copy holds them sealed */
export const sealInstallation = (ring: KeyRing, tenantId: string, key: string, data: Plain) =>
  mapInstallationSecrets(data, (v, path) => ring.seal(v, installationPurpose(tenantId, key, path)));

export const openInstallation = (ring: KeyRing, tenantId: string, key: string, data: Plain) =>
  mapInstallationSecrets(data, (v, path) => ring.open(v, installationPurpose(tenantId, key, path)));
