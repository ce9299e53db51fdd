import type { Catalog } from '../index.js';

/** Deliveries that failed after every retry (reports, alerts). */
export const delivery: Catalog = {
  en: {
    'delivery.failed.title': '⚠️ Delivery failed',
    'delivery.failed.text': '{what}, due {when}, could not be delivered: {reason}',
    'delivery.failed.hint': 'Fix the cause (then press Retry where there is one), or stop it with {stop}.',
    'delivery.retry': 'Retry now',
    'delivery.what_alert': 'The alert «{text}»',
    'delivery.reason.removed': 'the app is not in that conversation any more, or it was deleted ({code}). Add the app to it again.',
    'delivery.reason.archived': 'the conversation was archived ({code}).',
    'delivery.reason.rate_limited': 'the platform kept refusing for too many messages ({code}).',
    'delivery.reason.uninstalled': 'the app was removed from the workspace or lost its permission ({code}). Reinstall it.',
    'delivery.reason.webhook_refused': 'the webhook address is not allowed ({code}): use https to a public address.',
    'delivery.reason.webhook_failed': 'the webhook did not accept it ({code}).',
    'delivery.reason.secret_unreadable': 'a secret stored for it cannot be decrypted: the server lacks the data key it was encrypted with ({code}). Tell the administrator (DATA_KEYS).',
    'delivery.reason.other': 'the platform answered {code}.',
  },
  'pt-BR': {
    'delivery.failed.title': '⚠️ Falha na entrega',
    'delivery.failed.text': '{what}, previsto para {when}, não pôde ser entregue: {reason}',
    'delivery.failed.hint': 'Corrija a causa (e toque em Tentar de novo, quando houver), ou pare com {stop}.',
    'delivery.retry': 'Tentar de novo',
    'delivery.what_alert': 'O alerta «{text}»',
    'delivery.reason.removed': 'o app não está mais nessa conversa, ou ela foi apagada ({code}). Adicione o app de novo.',
    'delivery.reason.archived': 'a conversa foi arquivada ({code}).',
    'delivery.reason.rate_limited': 'a plataforma recusou repetidamente por excesso de mensagens ({code}).',
    'delivery.reason.uninstalled': 'o app foi removido do workspace ou perdeu a permissão ({code}). Reinstale-o.',
    'delivery.reason.webhook_refused': 'o endereço do webhook não é permitido ({code}): use https para um endereço público.',
    'delivery.reason.webhook_failed': 'o webhook não aceitou a entrega ({code}).',
    'delivery.reason.secret_unreadable': 'um segredo guardado para ela não pode ser decifrado: falta ao servidor a chave de dados com que foi cifrado ({code}). Avise o administrador (DATA_KEYS).',
    'delivery.reason.other': 'a plataforma respondeu {code}.',
  },
};
