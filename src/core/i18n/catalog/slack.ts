import type { Catalog } from '../index.js';

/** Texts only the Slack adapter shows (App Home, Slack-specific errors and setup messages). */
export const slack: Catalog = {
  en: {
    'slack.not_configured':
      'Slack is not configured on this server. Set SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces); or SLACK_APP_TOKEN for Socket Mode.',
    'slack.misconfigured': 'Slack is not usable on this server: {reason}',
    'slack.socket_mode': 'This server talks to Slack over Socket Mode; it does not take Slack requests over HTTP.',
    'slack.bad_tenant': 'This request does not come from a Slack workspace this app serves, so nothing was done.',
    'slack.home.title': 'CS Ops Bot',
    'slack.home.agent':
      'Here supervisors see the week’s KPI card. Your own numbers appear with /kpi once you have interactions. Use /kpi help in any channel for every command.',
    'slack.home.supervisor': 'This week’s numbers. Use the buttons to move between periods or break them down; /kpi works in any channel.',
  },
  'pt-BR': {
    'slack.not_configured':
      'O Slack não está configurado neste servidor. Defina SLACK_SIGNING_SECRET com SLACK_BOT_TOKEN (um workspace) ou SLACK_CLIENT_ID, SLACK_CLIENT_SECRET e SLACK_STATE_SECRET (vários workspaces); ou SLACK_APP_TOKEN para o Socket Mode.',
    'slack.misconfigured': 'O Slack não pode ser usado neste servidor: {reason}',
    'slack.socket_mode': 'Este servidor fala com o Slack pelo Socket Mode; ele não recebe requisições do Slack por HTTP.',
    'slack.bad_tenant': 'Esta requisição não vem de um workspace do Slack atendido por este app; nada foi feito.',
    'slack.home.title': 'CS Ops Bot',
    'slack.home.agent':
      'Aqui os supervisores veem o cartão de KPIs da semana. Os seus próprios números aparecem com /kpi quando você tiver atendimentos. Use /kpi ajuda em qualquer canal para ver todos os comandos.',
    'slack.home.supervisor': 'Os números desta semana. Use os botões para mudar de período ou detalhar; o /kpi funciona em qualquer canal.',
  },
};
