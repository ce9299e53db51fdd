import type { NameOf } from './render/adaptive-card.js';
import type { MentionEntity } from './inbound.js';

interface Seen {
  from?: { id?: string; aadObjectId?: string; name?: string };
  entities?: MentionEntity[];
}

const MAX = 10_000;

/**
 * Display names of the people the bot has seen (senders and mentions), by Teams id and AAD
 * object id, so cards can say "@Ana Souza" where the core only knows an id.
 */
export function createNameBook(): { learn(a: Seen): void; get: NameOf } {
  const names = new Map<string, string>();
  const put = (id: string | undefined, name: string | undefined) => {
    if (!id || !name) return;
    if (names.size >= MAX) names.delete(names.keys().next().value!);
    names.set(id, name);
  };
  return {
    learn(a) {
      put(a.from?.id, a.from?.name);
      put(a.from?.aadObjectId, a.from?.name);
      for (const e of a.entities ?? []) if (e.type === 'mention') put(e.mentioned?.id, e.mentioned?.name);
    },
    get: (id) => names.get(id),
  };
}
