import type { Catalog } from '../../i18n/index.js';

/** SLA recompute of a past range (REST). */
export const sla: Catalog = {
  en: {
    'sla.recompute.invalid_body': 'Send a JSON object with the range to recompute and nothing else: {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}.',
    'sla.recompute.invalid_date': '"{field}" must be a date that exists, written YYYY-MM-DD (got "{value}").',
    'sla.recompute.reversed': '"from" ({from}) is after "to" ({to}).',
    'sla.recompute.too_long': 'The range spans {days} days; at most {max} days can be recomputed at once.',
    'sla.recompute.running': 'An SLA recompute is already running for this workspace (job {id}). Follow it at GET /api/v1/settings/sla/recompute/{id} and start another once it ends.',
    'sla.recompute.not_found': 'There is no SLA recompute job "{id}" in this workspace.',
  },
  'pt-BR': {
    'sla.recompute.invalid_body': 'Envie um objeto JSON com o intervalo a recalcular e nada mais: {"from": "AAAA-MM-DD", "to": "AAAA-MM-DD"}.',
    'sla.recompute.invalid_date': '"{field}" deve ser uma data que exista, escrita AAAA-MM-DD (veio "{value}").',
    'sla.recompute.reversed': '"from" ({from}) é posterior a "to" ({to}).',
    'sla.recompute.too_long': 'O intervalo tem {days} dias; recalcule no máximo {max} dias de cada vez.',
    'sla.recompute.running': 'Já há um recálculo de SLA em andamento neste workspace (tarefa {id}). Acompanhe em GET /api/v1/settings/sla/recompute/{id} e inicie outro quando terminar.',
    'sla.recompute.not_found': 'Não há tarefa de recálculo de SLA "{id}" neste workspace.',
  },
};
