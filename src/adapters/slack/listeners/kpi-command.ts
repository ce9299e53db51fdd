import type { SlackDeps } from '../deliver.js';
import { answerSlashCommand, type CommandArgs } from './slash-command.js';

/** `/kpi <period> [filters]` and `/kpi help`: the KPI card (in channel) or help (ephemeral). */
export const kpiCommand = (deps: SlackDeps) => (args: CommandArgs) => answerSlashCommand(deps, args, 'kpi');
