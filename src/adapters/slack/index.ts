import type { MountedPlatform, PlatformMountOptions } from '../platform.js';

/** Mounts the Slack app on the service's HTTP app (filled in by the Slack adapter). */
export async function mountSlack(_options: PlatformMountOptions): Promise<MountedPlatform> {
  return { stop: async () => undefined };
}
