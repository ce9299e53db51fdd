import { nestsDeeperThan } from '../../core/ingest/depth.js';

/** What the console page shows: every message, update, ephemeral answer and modal, in order. */
export interface FeedItem {
  seq: number;
  kind: 'message' | 'update' | 'ephemeral' | 'modal';
  platform: 'slack' | 'teams';
  conversation: string;
  id: string;
  forUser?: string;
  payload: unknown;
}

const MAX_ITEMS = 2000;

export function createFeed() {
  const items: FeedItem[] = [];
  let seq = 0;
  return {
    add(item: Omit<FeedItem, 'seq'>): FeedItem {
      const stored = { ...item, seq: ++seq };
      // the emulators take anything posted to them: one item too deep to serialize would break every poll
      if (nestsDeeperThan(item.payload)) return stored;
      items.push(stored);
      if (items.length > MAX_ITEMS) items.splice(0, items.length - MAX_ITEMS);
      return stored;
    },
    since(after: number) {
      return { seq, items: items.filter((i) => i.seq > after) };
    },
    /** the latest content of a message (its last message or update) */
    latest(platform: FeedItem['platform'], id: string): FeedItem | undefined {
      for (let i = items.length - 1; i >= 0; i--) if (items[i]!.platform === platform && items[i]!.id === id && items[i]!.kind !== 'modal') return items[i];
      return undefined;
    },
  };
}
export type Feed = ReturnType<typeof createFeed>;
