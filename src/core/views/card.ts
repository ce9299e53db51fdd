/**
 * Platform-neutral card: one view model that the Slack renderer turns into Block Kit and the
 * Teams renderer into an Adaptive Card 1.5. Renderers switch exhaustively over `type`.
 */
export type Tone = 'good' | 'bad' | 'neutral';

/** What a button does: `id` names the handler (e.g. "kpi.nav"), `value` is its JSON payload. */
export interface ActionRef {
  id: string;
  value: string;
}

export interface Button {
  label: string;
  action: ActionRef;
  style?: 'primary' | 'danger';
}

export interface Metric {
  label: string;
  value: string;
  /** change vs the previous period */
  delta?: { text: string; arrow: 'up' | 'down' | 'flat'; tone: Tone };
  /** target badge */
  target?: { text: string; met: boolean };
}

export type CardElement =
  | { type: 'text'; text: string; emphasis?: 'strong' | 'subtle' }
  | { type: 'metrics'; items: Metric[] }
  | { type: 'image'; url: string; alt: string }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'input'; id: string; label: string; placeholder?: string; multiline?: boolean; maxLength?: number };

export interface Card {
  title: string;
  subtitle?: string;
  /** notification and screen-reader text; never empty */
  fallbackText: string;
  elements: CardElement[];
  /** a live card: the platform asks for a fresh copy with this action (Teams refresh) */
  refresh?: ActionRef;
}

/** Short answers (errors, confirmations) shown only to the person who acted. */
export interface Notice {
  text: string;
  tone: Tone;
}

export const assertNever = (x: never): never => {
  throw new Error(`unhandled card element: ${JSON.stringify(x)}`);
};
