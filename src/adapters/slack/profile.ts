import type { ChatProfile } from '../../core/ports/chat-platform.js';

/** Slack as core sees it: slash commands; image URLs over 3,000 characters are refused. */
export const SLACK_PROFILE: ChatProfile = { name: 'slack', commandPrefix: '/', limits: { chartUrl: 3000 }, posts: true };
