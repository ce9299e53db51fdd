import type { ChatProfile } from '../../core/ports/chat-platform.js';

/** Teams as core sees it: commands are plain words to the bot; cards must stay small. */
export const TEAMS_PROFILE: ChatProfile = { name: 'teams', commandPrefix: '', limits: { chartUrl: 4000 }, posts: true };
