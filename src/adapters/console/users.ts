/** The console's demo people: the agent is one of the demo data's agents, so she has numbers. */
/**
 * Each look has a tenant of its platform's shape (a Slack request can only act on a Slack
 * workspace, a Teams activity only on an AAD tenant): a Slack team id and a tenant GUID.
 */
export const CONSOLE_TENANTS = { slack: 'T0DEMO001', teams: '5c0f0000-0000-4000-8000-0000000000de' } as const;
export const CONSOLE_CHANNEL = 'CDEMO001';

export const CONSOLE_USERS = [
  { key: 'supervisor', name: 'Sofia Martins (supervisor)', slackId: 'U0SUPER01', teamsId: '5c0f0000-0000-4000-8000-00000000d001', locale: 'pt-BR' },
  { key: 'agent', name: 'Ana Souza (agent)', slackId: 'ana', teamsId: 'ana', locale: 'pt-BR' },
  { key: 'customer', name: 'Carlos Pereira (customer)', slackId: 'U0CUSTO01', teamsId: '5c0f0000-0000-4000-8000-00000000d003', locale: 'en' },
] as const;
export type ConsoleUser = (typeof CONSOLE_USERS)[number];

export const userByKey = (key: unknown): ConsoleUser | undefined => CONSOLE_USERS.find((u) => u.key === key);
export const userBySlackId = (id: string): ConsoleUser | undefined => CONSOLE_USERS.find((u) => u.slackId === id);
export const userByTeamsId = (id: string): ConsoleUser | undefined => CONSOLE_USERS.find((u) => u.teamsId === id);
/** a Slack DM with the bot is a D… channel; the emulated Web API names it after the person */
export const slackDmOf = (slackId: string) => `D${slackId.replace(/^U/, '').toUpperCase()}`;
export const teamsDmOf = (key: string) => `a:console-${key}`;
