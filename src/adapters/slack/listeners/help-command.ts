import type { SlackDeps } from '../deliver.js';
import { answerSlashCommand, type CommandArgs } from './slash-command.js';

/**
 * The other commands of the manifest. Their features live in the core as they are built; until
 * a command has its own handler there, the core answers with the help card (ephemeral).
 */
export const OTHER_COMMANDS = ['/survey', '/meeting', '/actions', '/report'] as const;

export const helpCommand = (deps: SlackDeps) => (args: CommandArgs) => answerSlashCommand(deps, args, args.command.command.replace(/^\//, ''));
