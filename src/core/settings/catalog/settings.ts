import type { Catalog } from '../../i18n/index.js';

/** Team settings (src/core/settings): validation of the settings document and the agent directory. */
export const settings: Catalog = {
  en: {
    'settings.bad_timezone': '{field} "{value}" is not an IANA time zone such as America/Sao_Paulo or Europe/Lisbon.',
    'settings.misaligned_timezone':
      'The time zone {value} cannot be the team’s: its numbers are kept in hours of {rollup} (the team’s first time zone), and {value} is {difference} h away from it on {date}, not a whole number of hours. Choose a zone whose offset from {rollup} is always a whole number of hours.',
    'settings.bad_role_id': '{field} "{value}" is not a Slack user id (U… or W…), a Slack user group id (S…) or a Microsoft Entra (AAD) object id (a GUID).',
    'settings.bad_time': '{field} must be a time of day HH:MM (00:00 to 23:59); got "{value}".',
    'settings.hours_order': '{field} ({value}) must be later than businessHours.from, on the same day.',
    'settings.bad_date': '{field} "{value}" is not a date YYYY-MM-DD (e.g. 2026-12-25).',
    'settings.sla_order': 'slaPolicy.{priority}: resolutionMinutes ({resolution}) must be at least firstResponseMinutes ({first}).',
    'settings.unknown_kpi': 'Unknown KPI "{kpi}" in targets. Valid KPIs: {allowed}.',
    'settings.target_rate': '{field}: {kpi} is a rate from 0 to 1 (0.85 = 85%); got {value}.',
    'settings.target_nps': '{field}: NPS goes from −100 to 100; got {value}.',
    'settings.target_mean5': '{field}: the CSAT mean goes from 1 to 5; got {value}.',
    'settings.target_minutes': '{field}: {kpi} is in minutes, from 0 to 525600 (a year); got {value}.',
    'settings.target_not_negative': '{field}: {kpi} cannot be negative; got {value}.',
    'settings.bad_slack_user': '{field} must be a Slack member id (U… or W…): "{value}".',
    'settings.bad_aad_id': '{field} must be a Microsoft Entra (AAD) object id, a GUID: "{value}".',
    'settings.agent_empty': 'Give at least one of slackUserId, teamsAadId or name.',
    'settings.agent_conflict': '{field} {value} already belongs to agent "{agent}": one person is one agent. Change or remove "{agent}" first.',
    'settings.agent_not_found': 'There is no agent "{agent}" in the directory.',
  },
  'pt-BR': {
    'settings.bad_timezone': '{field} "{value}" não é um fuso horário IANA como America/Sao_Paulo ou Europe/Lisbon.',
    'settings.misaligned_timezone':
      'O fuso {value} não pode ser o da equipe: os números dela são guardados em horas de {rollup} (o primeiro fuso da equipe), e {value} fica a {difference} h dele em {date}, que não é um número inteiro de horas. Escolha um fuso cuja diferença para {rollup} seja sempre de horas inteiras.',
    'settings.bad_role_id': '{field} "{value}" não é um id de usuário do Slack (U… ou W…), de grupo de usuários do Slack (S…) nem um id de objeto do Microsoft Entra (AAD), um GUID.',
    'settings.bad_time': '{field} deve ser um horário HH:MM (00:00 a 23:59); recebido: "{value}".',
    'settings.hours_order': '{field} ({value}) deve ser depois de businessHours.from, no mesmo dia.',
    'settings.bad_date': '{field} "{value}" não é uma data AAAA-MM-DD (ex.: 2026-12-25).',
    'settings.sla_order': 'slaPolicy.{priority}: resolutionMinutes ({resolution}) deve ser pelo menos firstResponseMinutes ({first}).',
    'settings.unknown_kpi': 'KPI desconhecido "{kpi}" em targets. KPIs válidos: {allowed}.',
    'settings.target_rate': '{field}: {kpi} é uma taxa de 0 a 1 (0,85 = 85%); recebido: {value}.',
    'settings.target_nps': '{field}: o NPS vai de −100 a 100; recebido: {value}.',
    'settings.target_mean5': '{field}: a média de CSAT vai de 1 a 5; recebido: {value}.',
    'settings.target_minutes': '{field}: {kpi} é em minutos, de 0 a 525600 (um ano); recebido: {value}.',
    'settings.target_not_negative': '{field}: {kpi} não pode ser negativo; recebido: {value}.',
    'settings.bad_slack_user': '{field} deve ser um id de membro do Slack (U… ou W…): "{value}".',
    'settings.bad_aad_id': '{field} deve ser um id de objeto do Microsoft Entra (AAD), um GUID: "{value}".',
    'settings.agent_empty': 'Informe pelo menos um de slackUserId, teamsAadId ou name.',
    'settings.agent_conflict': '{field} {value} já pertence ao agente "{agent}": uma pessoa é um só agente. Altere ou remova "{agent}" antes.',
    'settings.agent_not_found': 'Não há agente "{agent}" no diretório.',
  },
};
