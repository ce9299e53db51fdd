/**
 * `actions edit|reassign|due|cancel <n>`: an open action named by the number `/actions` shows.
 * Its owner, its meeting's owner or a supervisor; each change is a compare-and-set on the
 * action's `rev`, so a retried or doubled request applies once and tells the new owner once.
 */
import type { ActionItem } from '../domain/meeting.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { ActionEditIntent } from './edit-parse.js';
import { mention } from '../cards/card.js';
import { formatDay } from './views/meeting-cards.js';
import { actionItemCard } from './action-items.js';
import { idsOf, type MeetingDeps, type Participant } from './run-meeting.js';
import { postingPlatform } from '../ports/chat-platform.js';

async function checkMayChange(deps: MeetingDeps, p: Participant, a: ActionItem): Promise<void> {
  const ids = idsOf(p);
  // whoever created it (for someone else, outside a meeting) may change it, as the buttons allow
  if (ids.includes(a.ownerId) || ids.includes(a.createdBy) || p.isSupervisor) return;
  const meeting = a.meetingId ? await deps.meetings.get(p.tenantId, a.meetingId) : null;
  if (!meeting || !ids.includes(meeting.ownerId)) throw new ForbiddenError('actions.edit.forbidden', { n: a.no ?? '' });
}

/** Applies the change and returns the caller's notice. */
export async function editAction(deps: MeetingDeps, p: Participant, intent: ActionEditIntent): Promise<string> {
  const a = await deps.actions.byNumber(p.tenantId, intent.n);
  if (!a) throw new NotFoundError('actions.no_number', { n: intent.n });
  await checkMayChange(deps, p, a);
  const changed = () => new ValidationError('actions.changed', { n: intent.n });
  switch (intent.kind) {
    case 'cancel':
      if (!(await deps.actions.cancel(p.tenantId, a.id, p.userId, p.now))) throw changed();
      return t(p.locale, 'actions.cancelled', { n: intent.n, text: a.text });
    case 'edit':
      if (!(await deps.actions.change(p.tenantId, a.id, a.rev, { text: intent.text }))) throw changed();
      return t(p.locale, 'actions.edited', { n: intent.n, text: intent.text });
    case 'due':
      if (intent.dueDate === a.dueDate) throw new ValidationError('actions.same_due', { n: intent.n, due: formatDay(a.dueDate, p.locale) });
      if (!(await deps.actions.change(p.tenantId, a.id, a.rev, { dueDate: intent.dueDate }))) throw changed();
      return t(p.locale, 'actions.due_moved', { n: intent.n, due: formatDay(intent.dueDate, p.locale), text: a.text });
    case 'reassign':
      if (intent.ownerId === a.ownerId) throw new ValidationError('actions.same_owner', { n: intent.n, owner: mention(a.ownerId) });
      if (!(await deps.actions.change(p.tenantId, a.id, a.rev, { ownerId: intent.ownerId }))) throw changed();
      await tellNewOwner(deps, p, { ...a, ownerId: intent.ownerId, rev: (a.rev ?? 0) + 1 });
      return t(p.locale, 'actions.reassigned', { n: intent.n, owner: mention(intent.ownerId), text: a.text });
  }
}

/** Once per change (keyed post), and not when they gave it to themselves. */
async function tellNewOwner(deps: MeetingDeps, p: Participant, a: ActionItem): Promise<void> {
  if (idsOf(p).includes(a.ownerId)) return;
  const locale = (await deps.tenants.get(p.tenantId)).locale;
  try {
    await postingPlatform(deps.platforms, a.platform)?.post(p.tenantId, { userId: a.ownerId }, actionItemCard(a, 'actions.reassigned_to_you', locale, { by: mention(p.userId) }), { key: `action-reassigned:${a.id}:${a.rev}`, since: p.now });
  } catch (e) {
    deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId }, 'actions: new owner could not be told');
  }
}
