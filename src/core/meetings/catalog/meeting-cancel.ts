import type { Catalog } from '../../i18n/index.js';

/** Cancelling a planned meeting. */
export const meetingCancel: Catalog = {
  en: {
    'meeting.example.cancel': '{s}meeting cancel',
    'meeting.cancel.forbidden': 'Only the organizer of "{title}" or a supervisor can cancel it.',
    'meeting.cancel.running': 'The meeting is already running: end it instead.',
    'meeting.cancel.not_planned': '"{title}" is not planned any more (it was cancelled, started or ended); nothing was changed.',
    'meeting.cancel.confirm_title': 'Cancel "{title}"?',
    'meeting.cancel.confirm_text': 'Planned for {date}. Its {n} participant(s) will be told.',
    'meeting.cancel.button': 'Cancel the meeting',
    'meeting.cancel.done_title': '🚫 Cancelled: {title}',
    'meeting.cancel.done_text': 'The meeting planned for {date} was cancelled by {by}.',
  },
  'pt-BR': {
    'meeting.example.cancel': '{s}meeting cancelar',
    'meeting.cancel.forbidden': 'Só quem organizou "{title}" ou um supervisor pode cancelá-la.',
    'meeting.cancel.running': 'A reunião já começou: encerre-a em vez de cancelar.',
    'meeting.cancel.not_planned': '"{title}" não está mais planejada (foi cancelada, começou ou terminou); nada foi alterado.',
    'meeting.cancel.confirm_title': 'Cancelar "{title}"?',
    'meeting.cancel.confirm_text': 'Planejada para {date}. Os {n} participante(s) serão avisados.',
    'meeting.cancel.button': 'Cancelar a reunião',
    'meeting.cancel.done_title': '🚫 Cancelada: {title}',
    'meeting.cancel.done_text': 'A reunião planejada para {date} foi cancelada por {by}.',
  },
};
