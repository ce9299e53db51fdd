import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ActionItem } from '../domain/meeting.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { ActionsIntent } from './parse.js';
import { mention, type ActionRef, type Card } from '../cards/card.js';
import { parseActionValue } from '../cards/action-value.js';
import { ACTION_ITEM_ACTIONS, actionsCard, formatDay } from './views/meeting-cards.js';
import { idsOf, type MeetingDeps, type Participant, type Viewer } from './run-meeting.js';
import { postingPlatform } from '../ports/chat-platform.js';

export type ActionScope = 'mine' | 'team' | 'overdue';
const TITLES: Record<ActionScope, string> = { mine: 'actions.title.mine', team: 'actions.title.team', overdue: 'actions.title.overdue' };

export const todayIn = (zone: string, now: Date) => DateTime.fromJSDate(now, { zone }).toISODate()!;

/** `/actions` (mine), `team` (this conversation), `overdue` (everyone's for supervisors, else mine). */
export async function listActions(deps: MeetingDeps, p: Viewer, scope: ActionScope): Promise<Card> {
  const tenant = await deps.tenants.get(p.tenantId);
  const today = todayIn(tenant.timezone, p.now);
  const found =
    scope === 'mine'
      ? await deps.actions.open(p.tenantId, { ownerId: idsOf(p) })
      : scope === 'team'
        ? await deps.actions.open(p.tenantId, { channelId: p.channelId })
        : await deps.actions.open(p.tenantId, { dueBefore: today, ...(p.isSupervisor ? {} : { ownerId: idsOf(p) }) });
  const titles = new Map<string, string>();
  for (const id of new Set(found.map((a) => a.meetingId).filter((x): x is string => !!x))) {
    const m = await deps.meetings.get(p.tenantId, id);
    if (m) titles.set(id, m.title);
  }
  const card = actionsCard(TITLES[scope], found, p.locale, today, titles);
  // the buttons remember which list they are on, so the list comes back refreshed
  for (const el of card.elements) if (el.type === 'actions') for (const b of el.buttons) b.action.value = JSON.stringify({ ...JSON.parse(b.action.value), s: scope });
  return card;
}

/** `/actions add …`: outside a meeting, or into the conversation's running meeting. */
export async function addAction(deps: MeetingDeps, p: Participant, intent: Extract<ActionsIntent, { kind: 'add' }>): Promise<string> {
  const running = await deps.meetings.current(p.tenantId, p.channelId, p.now);
  const meeting = running?.status === 'running' ? running : null;
  const action = await deps.actions.create({
    tenantId: p.tenantId, platform: p.platform, channelId: p.channelId, text: intent.text, ownerId: intent.ownerId, dueDate: intent.dueDate, status: 'open', createdBy: p.userId, createdAt: p.now,
    ...(meeting ? { meetingId: meeting.id, seriesId: meeting.seriesId, itemId: meeting.agenda[meeting.currentItem]!.id } : {}),
  });
  const locale = (await deps.tenants.get(p.tenantId)).locale;
  if (intent.ownerId !== p.userId) {
    try {
      await postingPlatform(deps.platforms, p.platform)?.post(p.tenantId, { userId: intent.ownerId }, actionItemCard(action, 'actions.new_for_you', locale));
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId }, 'actions: owner could not be told');
    }
  }
  return t(p.locale, 'actions.added', { owner: mention(intent.ownerId), due: formatDay(intent.dueDate, p.locale), text: intent.text });
}

/** A DM about one action, with its buttons. */
export function actionItemCard(a: ActionItem, key: string, locale: Parameters<typeof t>[0], extra: Record<string, string> = {}): Card {
  const title = t(locale, key, { text: a.text, due: formatDay(a.dueDate, locale), owner: mention(a.ownerId), ...extra });
  return {
    title: title.length > 140 ? `${title.slice(0, 139)}…` : title,
    fallbackText: title,
    elements: [
      { type: 'text', text: title },
      {
        type: 'actions',
        buttons: [
          { label: t(locale, 'actions.button.done'), action: { id: ACTION_ITEM_ACTIONS.done, value: JSON.stringify({ a: a.id }) }, style: 'primary' },
          { label: t(locale, 'actions.button.postpone'), action: { id: ACTION_ITEM_ACTIONS.postpone, value: JSON.stringify({ a: a.id }) } },
        ],
      },
    ],
  };
}

const valueSchema = z.strictObject({ a: z.string().regex(/^[a-f0-9]{24}$/), s: z.enum(['mine', 'team', 'overdue']).optional() });

/**
 * Done / postpone from a list or a reminder: the owner, who created it, or a supervisor. The
 * card is the list refreshed, or the reminder itself changed (`inPlace`): Teams updates a card
 * only when the invoke is answered with a card.
 */
export async function actionButton(deps: MeetingDeps, p: Participant, ref: ActionRef): Promise<{ card: Card; notice: string; inPlace: boolean }> {
  const value = parseActionValue(valueSchema, ref.value, 'survey.bad_value');
  const a = await deps.actions.get(p.tenantId, value.a);
  if (!a || a.status !== 'open') throw new NotFoundError('actions.not_found');
  const ids = idsOf(p);
  if (!ids.includes(a.ownerId) && !ids.includes(a.createdBy) && !p.isSupervisor) throw new ForbiddenError('actions.forbidden');
  let notice: string;
  let reminder: Card;
  if (ref.id === ACTION_ITEM_ACTIONS.done) {
    if (!(await deps.actions.markDone(p.tenantId, a.id, p.now))) throw new NotFoundError('actions.not_found');
    notice = t(p.locale, 'actions.done', { text: a.text });
    reminder = { title: notice, fallbackText: notice, elements: [{ type: 'text', text: notice }] };
  } else {
    const tenant = await deps.tenants.get(p.tenantId);
    const from = DateTime.max(DateTime.fromISO(a.dueDate, { zone: tenant.timezone }), DateTime.fromISO(todayIn(tenant.timezone, p.now), { zone: tenant.timezone }));
    const due = from.plus({ days: 7 }).toISODate()!;
    if (!(await deps.actions.postpone(p.tenantId, a.id, due))) throw new NotFoundError('actions.not_found');
    notice = t(p.locale, 'actions.postponed', { due: formatDay(due, p.locale), text: a.text });
    reminder = actionItemCard({ ...a, dueDate: due }, 'actions.postponed', p.locale);
  }
  return value.s ? { notice, card: await listActions(deps, p, value.s), inPlace: false } : { notice, card: reminder, inPlace: true };
}
