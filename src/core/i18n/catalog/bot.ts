import type { Catalog } from '../index.js';

export const bot: Catalog = {
  en: {
    'bot.unknown_action': 'This button is not recognised (it may be from an older version). Run the command again.',
    'bot.examples': 'Examples: /kpi week · /kpi last month channel:email · /kpi 7d team:billing by:agent · /kpi help',
    'bot.working': 'Working on it…',
    'bot.unknown_words': 'I did not understand {words}, so nothing was done. Try: {example}',
    'help.example': '{s}kpi help · {s}kpi help report',
    'help.title': 'What I can do',
    'help.intro': 'Customer-service KPIs, surveys, meetings and reports, right here.',
    'help.kpi':
      '{s}kpi [period] [filters] — KPI card with chart and buttons. Examples: {s}kpi week · {s}kpi last week channel:email · {s}kpi 2026-11-01..2026-11-15 team:billing · {s}kpi month by:agent · {s}kpi week live (keeps refreshing). Targets: {s}kpi target csat >= 85% · {s}kpi target list · {s}kpi target remove csat (admins set them). Team settings (zone, language, SLA, business hours, roles, agents): {s}settings',
    'help.survey':
      '{s}survey send csat|nps @person|#channel [ticket] — asks a customer for a rating with one-click buttons. {s}survey results [period] — CSAT, NPS, response rate and latest comments. {s}survey alerts here — complaint alerts (CSAT ≤ 2, NPS ≤ 6) in this channel (supervisors).',
    'help.meeting':
      '{s}meeting new — plan a meeting (form, one line, or templates weekly / 1:1 @person); {s}meeting start|end. {s}actions [team|overdue] · {s}actions add <what> @owner <due>. {s}meeting reschedule <when> · {s}meeting agenda add|remove|move. {s}actions edit|reassign|due|cancel <n> (n as {s}actions shows it). On a KPI card or complaint alert: 📌 add to next review · ✅ create action.',
    'help.report':
      '{s}report schedule weekly mon 09:00 [zone] [period] [filters] [webhook https://…] — scheduled summaries; {s}report list|pause|resume|edit|remove <id> · {s}report now|preview [period] [filters] (default last week) · {s}report history (supervisors). {s}kpi help report shows one command.',
    'help.periods':
      'Periods: today, yesterday, week, last week, month, last month, quarter, year, 7d, 30d, 90d, YYYY-MM-DD..YYYY-MM-DD. Filters: channel:, team:, agent:@user, category:. Breakdown: by:channel|team|agent.',
  },
  'pt-BR': {
    'bot.unknown_action': 'Este botão não foi reconhecido (pode ser de uma versão anterior). Rode o comando de novo.',
    'bot.examples': 'Exemplos: /kpi semana · /kpi mês passado canal:email · /kpi 7d equipe:financeiro por:agente · /kpi ajuda',
    'bot.working': 'Trabalhando nisso…',
    'bot.unknown_words': 'Não entendi {words}, então nada foi feito. Tente: {example}',
    'help.example': '{s}kpi ajuda · {s}kpi ajuda relatório',
    'help.title': 'O que eu sei fazer',
    'help.intro': 'KPIs do atendimento, pesquisas, reuniões e relatórios, aqui mesmo.',
    'help.kpi':
      '{s}kpi [período] [filtros] — cartão de KPIs com gráfico e botões. Exemplos: {s}kpi semana · {s}kpi semana passada canal:email · {s}kpi 2026-11-01..2026-11-15 equipe:financeiro · {s}kpi mês por:agente · {s}kpi semana ao-vivo (continua se atualizando). Metas: {s}kpi meta csat >= 85% · {s}kpi meta lista · {s}kpi meta remover csat (administradores definem). Configurações da equipe (fuso, idioma, SLA, horário comercial, papéis, agentes): {s}settings (Teams: configurações)',
    'help.survey':
      '{s}survey enviar csat|nps @pessoa|#canal [ticket] — pede uma avaliação ao cliente com botões de um clique. {s}survey resultados [período] — CSAT, NPS, taxa de resposta e últimos comentários. {s}survey alertas aqui — alertas de reclamação (CSAT ≤ 2, NPS ≤ 6) neste canal (supervisores).',
    'help.meeting':
      '{s}meeting new — planeja uma reunião (formulário, uma linha, ou modelos weekly / 1:1 @pessoa); {s}meeting start|end. {s}actions [team|overdue] · {s}actions add <o quê> @responsável <prazo>. {s}meeting remarcar <quando> · {s}meeting pauta adicionar|remover|mover. {s}actions editar|reatribuir|prazo|cancelar <n> (n como {s}actions mostra). Num cartão de KPIs ou alerta de reclamação: 📌 levar à próxima reunião · ✅ criar ação.',
    'help.report':
      '{s}report schedule weekly mon 09:00 [fuso] [período] [filtros] [webhook https://…] — resumos agendados; {s}report list|pause|resume|edit|remove <id> · {s}report now|preview [período] [filtros] (padrão semana passada) · {s}report history (supervisores). {s}kpi ajuda relatório mostra um comando só.',
    'help.periods':
      'Períodos: hoje, ontem, semana, semana passada, mês, mês passado, trimestre, ano, 7d, 30d, 90d, AAAA-MM-DD..AAAA-MM-DD. Filtros: canal:, equipe:, agente:@usuário, categoria:. Detalhamento: por:canal|equipe|agente.',
  },
};
