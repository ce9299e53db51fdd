import type { ChatPlatform } from '../../core/ports/chat-platform.js';

/** The terminal (`cs-ops`) as core sees it: slash commands, long URLs fine, it can only answer. */
export const CONSOLE_PLATFORM: ChatPlatform = { name: 'console', commandPrefix: '/', limits: { chartUrl: 8000 }, posts: false };
