import type { MountedPlatform, PlatformMountOptions } from '../platform.js';

/** Mounts the Teams app on the service's HTTP app (filled in by the Teams adapter). */
export async function mountTeams(_options: PlatformMountOptions): Promise<MountedPlatform> {
  return { stop: async () => undefined };
}
