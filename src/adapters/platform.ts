import type { CloudEnvironment } from '@microsoft/teams.api';
import type { Express } from 'express';
import type { Config } from '../config/index.js';
import type { BotDeps } from '../core/bot/handle-event.js';
import type { TenantStore } from '../core/ports/tenants.js';
import type { SettingsFormDeps } from '../core/settings/index.js';
import type { ChatPlatform } from '../core/ports/chat-platform.js';
import type { InstallationRepository } from '../core/ports/installations.js';
import type { Logger } from '../infra/observability/logger.js';
import type { KeyRing } from '../infra/security/key-ring.js';

/** What the service hands each platform adapter when it mounts it on the HTTP app. */
export interface PlatformMountOptions {
  app: Express;
  config: Config;
  logger: Logger;
  bot: BotDeps;
  tenants: TenantStore;
  /** Slack installations and Teams conversation references */
  installations: InstallationRepository;
  /** seals secrets the platform stores (Slack tokens) */
  keyRing: KeyRing;
  isSupervisor(tenantId: string, userId: string): Promise<boolean>;
  /** the team settings the chat forms change (Slack /settings, Teams `settings`) */
  settings?: SettingsFormDeps;
  /** SUPERVISOR_IDS that count in one tenant (unscoped ones and that tenant's); none when absent */
  supervisorIdsIn?(tenantId: string): string[];
  now: () => Date;
  /** see ContextDeps.localeCacheMs (Slack) */
  localeCacheMs?: number;
  /** Teams' cloud (OpenID metadata, token issuer); default Microsoft's public cloud */
  teamsCloud?: CloudEnvironment;
}

export interface MountedPlatform {
  stop(): Promise<void>;
  /** the platform as core uses it; without its proactive operations when it is not configured */
  chat: ChatPlatform;
}
