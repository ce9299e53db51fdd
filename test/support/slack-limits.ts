/** Checks a Block Kit message against Slack's documented limits; returns what breaks them. */
import type { SlackMessage } from '../../src/adapters/slack/render/block-kit.js';

interface TextObject {
  type: string;
  text: string;
}
interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: Record<string, unknown>[];
  image_url?: string;
  alt_text?: string;
}

/** https://docs.slack.dev/reference/block-kit/blocks (messages: 50 blocks; Home tab: 100) */
export function slackLimitViolations(msg: SlackMessage, maxBlocks = 50): string[] {
  const v: string[] = [];
  if (!msg.text || !msg.text.trim()) v.push('fallback text missing');
  if (msg.blocks.length > maxBlocks) v.push(`${msg.blocks.length} blocks > ${maxBlocks}`);
  const ids = new Set<string>();
  msg.blocks.forEach((raw, i) => {
    const b = raw as AnyBlock;
    const at = `block ${i} (${b.type})`;
    const text = (t: TextObject | undefined, max: number, what: string) => {
      if (!t) return;
      if (!t.text.trim()) v.push(`${at}: empty ${what}`);
      if (t.text.length > max) v.push(`${at}: ${what} ${t.text.length} > ${max}`);
    };
    switch (b.type) {
      case 'header':
        if (b.text?.type !== 'plain_text') v.push(`${at}: header must be plain_text`);
        text(b.text, 150, 'header text');
        break;
      case 'section':
        if (!b.text && !b.fields?.length) v.push(`${at}: section without text or fields`);
        text(b.text, 3000, 'section text');
        if ((b.fields?.length ?? 0) > 10) v.push(`${at}: ${b.fields!.length} fields > 10`);
        for (const f of b.fields ?? []) text(f, 2000, 'field');
        break;
      case 'context':
        if (!b.elements?.length || b.elements.length > 10) v.push(`${at}: ${b.elements?.length ?? 0} context elements (1–10)`);
        for (const e of b.elements ?? []) text(e as unknown as TextObject, 3000, 'context text');
        break;
      case 'actions':
        if (!b.elements?.length || b.elements.length > 25) v.push(`${at}: ${b.elements?.length ?? 0} elements (1–25)`);
        for (const e of b.elements ?? []) {
          const id = String(e['action_id'] ?? '');
          if (!id || id.length > 255) v.push(`${at}: action_id length ${id.length}`);
          if (ids.has(id)) v.push(`${at}: duplicate action_id ${id}`);
          ids.add(id);
          text(e['text'] as TextObject, 75, 'button text');
          const value = e['value'];
          if (value !== undefined && (typeof value !== 'string' || value.length > 2000 || value.length === 0)) v.push(`${at}: button value length ${String(value).length}`);
          if (e['style'] !== undefined && e['style'] !== 'primary' && e['style'] !== 'danger') v.push(`${at}: style ${String(e['style'])}`);
        }
        break;
      case 'image':
        if (!b.image_url || b.image_url.length > 3000) v.push(`${at}: image_url length ${b.image_url?.length ?? 0}`);
        if (!b.alt_text || b.alt_text.length > 2000) v.push(`${at}: alt_text length ${b.alt_text?.length ?? 0}`);
        break;
      case 'divider':
        break;
      default:
        v.push(`${at}: unexpected block type`);
    }
  });
  return v;
}
