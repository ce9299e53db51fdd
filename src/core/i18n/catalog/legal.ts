import type { Catalog } from '../index.js';

/** The privacy notice and terms of use the Teams manifest links to (/legal/privacy, /legal/terms). */
export const legal: Catalog = {
  en: {
    'legal.lang': 'Language',
    'legal.see_terms': 'Terms of use',
    'legal.see_privacy': 'Privacy notice',
    'legal.privacy.title': 'Privacy notice — CS Ops Bot',
    'legal.privacy.intro':
      'CS Ops Bot is run by the organisation that installed it in your Slack workspace or Microsoft Teams tenant; that organisation decides what is sent to it and answers for it. This notice says what the bot keeps, for how long, and how it is erased.',
    'legal.privacy.keep.title': 'What the bot keeps',
    'legal.privacy.keep.interactions':
      'Interactions (tickets and contacts) your help desk or CRM sends: channel, status, times, team, agent, category, and the customer’s id, and name and e-mail when they are sent.',
    'legal.privacy.keep.surveys': 'Survey answers (CSAT and NPS): the score, the optional comment, who answered and when.',
    'legal.privacy.keep.meetings': 'Meetings: title, agenda, participants, notes, decisions, and action items with their owners and due dates.',
    'legal.privacy.keep.settings':
      'Team settings, KPI targets and report schedules, and the ids of the conversations the bot was added to, so that it can post there.',
    'legal.privacy.keep.usage': 'Usage records (which command or button, the outcome, how long it took), without message text; kept 180 days.',
    'legal.privacy.not.title': 'What the bot does not keep',
    'legal.privacy.not.messages': 'The text of your chats: a command is read to answer it and is not stored.',
    'legal.privacy.not.secrets':
      'Credentials in clear: API keys are stored only as hashes, platform tokens encrypted; no credential or personal data is written to the logs.',
    'legal.privacy.not.charts': 'Personal data in charts, chart links or report annexes: they carry aggregated numbers only.',
    'legal.privacy.retention.title': 'How long',
    'legal.privacy.retention.body':
      'Interactions and survey comments are removed once they are older than the retention period the organisation sets (30 to 3,650 days; without one they are kept). The aggregated KPI numbers, which hold no personal data, stay.',
    'legal.privacy.erasure.title': 'Erasure and your rights',
    'legal.privacy.erasure.body':
      'An administrator can erase one customer’s personal data at any time: name, e-mail, chat ids, free texts, survey comments and respondent ids go; the numbers stay under a pseudonym. To ask for access, correction or erasure (LGPD, GDPR), contact the organisation that runs the bot.',
    'legal.privacy.sharing.title': 'Who receives it',
    'legal.privacy.sharing.body':
      'Only the Slack or Teams conversations the bot posts in, and the report webhooks the organisation configures. Data is stored in the organisation’s own MongoDB database.',
    'legal.terms.title': 'Terms of use — CS Ops Bot',
    'legal.terms.intro':
      'CS Ops Bot shows customer-service KPIs, sends CSAT and NPS surveys, runs meetings and posts scheduled reports in Slack and Microsoft Teams. It is operated by the organisation that installed it; by using it you accept these terms.',
    'legal.terms.use.title': 'Using it',
    'legal.terms.use.body':
      'Use it for your organisation’s customer service. Send it only data your organisation may process, do not try to reach another organisation’s data, and do not overload it: the API and the chat commands have rate limits.',
    'legal.terms.data.title': 'Your data',
    'legal.terms.data.body': 'The data stays your organisation’s. What is kept, for how long and how it is erased is in the privacy notice.',
    'legal.terms.warranty.title': 'No warranty',
    'legal.terms.warranty.body':
      'The service is provided as it is. Its numbers are computed from the data it receives; check them before deciding on them. It may be unavailable at times (maintenance, outages).',
    'legal.terms.changes.title': 'Changes and contact',
    'legal.terms.changes.body': 'These terms may change; the version in force is the one on this page. Questions go to your organisation’s administrator of the bot.',
  },
  'pt-BR': {
    'legal.lang': 'Idioma',
    'legal.see_terms': 'Termos de uso',
    'legal.see_privacy': 'Aviso de privacidade',
    'legal.privacy.title': 'Aviso de privacidade — CS Ops Bot',
    'legal.privacy.intro':
      'O CS Ops Bot é operado pela organização que o instalou no seu workspace do Slack ou no seu tenant do Microsoft Teams; é ela quem decide o que é enviado ao bot e responde por isso. Este aviso diz o que o bot guarda, por quanto tempo e como isso é apagado.',
    'legal.privacy.keep.title': 'O que o bot guarda',
    'legal.privacy.keep.interactions':
      'Atendimentos (tickets e contatos) enviados pelo seu help desk ou CRM: canal, status, horários, equipe, agente, categoria e o id do cliente, além de nome e e-mail quando enviados.',
    'legal.privacy.keep.surveys': 'Respostas de pesquisa (CSAT e NPS): a nota, o comentário opcional, quem respondeu e quando.',
    'legal.privacy.keep.meetings': 'Reuniões: título, pauta, participantes, anotações, decisões e ações com responsáveis e prazos.',
    'legal.privacy.keep.settings':
      'Configurações da equipe, metas de KPI e agendamentos de relatório, e os ids das conversas em que o bot foi adicionado, para que ele possa postar nelas.',
    'legal.privacy.keep.usage': 'Registros de uso (qual comando ou botão, o resultado, quanto tempo levou), sem o texto das mensagens; guardados por 180 dias.',
    'legal.privacy.not.title': 'O que o bot não guarda',
    'legal.privacy.not.messages': 'O texto das suas conversas: um comando é lido para ser respondido e não é armazenado.',
    'legal.privacy.not.secrets':
      'Credenciais em texto claro: chaves de API são guardadas só como hash, tokens das plataformas criptografados; nenhuma credencial ou dado pessoal vai para os logs.',
    'legal.privacy.not.charts': 'Dados pessoais em gráficos, links de gráficos ou anexos de relatório: eles trazem apenas números agregados.',
    'legal.privacy.retention.title': 'Por quanto tempo',
    'legal.privacy.retention.body':
      'Atendimentos e comentários de pesquisa são removidos quando ficam mais antigos que o prazo de retenção definido pela organização (de 30 a 3.650 dias; sem prazo, ficam guardados). Os números agregados dos KPIs, que não têm dados pessoais, permanecem.',
    'legal.privacy.erasure.title': 'Eliminação e seus direitos',
    'legal.privacy.erasure.body':
      'Um administrador pode apagar a qualquer momento os dados pessoais de um cliente: nome, e-mail, ids de chat, textos livres, comentários e ids de quem respondeu saem; os números ficam sob um pseudônimo. Para pedir acesso, correção ou eliminação (LGPD, GDPR), fale com a organização que opera o bot.',
    'legal.privacy.sharing.title': 'Quem recebe os dados',
    'legal.privacy.sharing.body':
      'Apenas as conversas do Slack ou do Teams em que o bot posta e os webhooks de relatório que a organização configura. Os dados ficam no banco MongoDB da própria organização.',
    'legal.terms.title': 'Termos de uso — CS Ops Bot',
    'legal.terms.intro':
      'O CS Ops Bot mostra KPIs de atendimento, envia pesquisas CSAT e NPS, conduz reuniões e publica relatórios agendados no Slack e no Microsoft Teams. Ele é operado pela organização que o instalou; ao usá-lo você aceita estes termos.',
    'legal.terms.use.title': 'Uso',
    'legal.terms.use.body':
      'Use-o para o atendimento da sua organização. Envie apenas dados que a sua organização pode tratar, não tente acessar dados de outra organização e não o sobrecarregue: a API e os comandos de chat têm limites de uso.',
    'legal.terms.data.title': 'Seus dados',
    'legal.terms.data.body': 'Os dados continuam sendo da sua organização. O que é guardado, por quanto tempo e como é apagado está no aviso de privacidade.',
    'legal.terms.warranty.title': 'Sem garantia',
    'legal.terms.warranty.body':
      'O serviço é fornecido como está. Os números são calculados a partir dos dados recebidos; confira-os antes de decidir com base neles. Ele pode ficar indisponível às vezes (manutenção, falhas).',
    'legal.terms.changes.title': 'Mudanças e contato',
    'legal.terms.changes.body': 'Estes termos podem mudar; vale a versão desta página. Dúvidas vão para o administrador do bot na sua organização.',
  },
};
