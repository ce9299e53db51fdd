/**
 * Platform-neutral card: one view model that the Slack renderer turns into Block Kit and the
 * Teams renderer into an Adaptive Card 1.5. Renderers switch exhaustively over `type`.
 */
export type Tone = 'good' | 'bad' | 'neutral';

/** What a button does: `id` names the handler (e.g. "kpi.nav"), `value` is its JSON payload. */
export interface ActionRef {
  id: string;
  value: string;
  /** values typed into a form's inputs, by input id (submit actions only) */
  inputs?: Record<string, string>;
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
  | { type: 'links'; links: Link[] }
  | Form;

/**
 * A field of a form; its value comes back in the submit action's `inputs[id]` as text: dates
 * YYYY-MM-DD, times HH:mm, people as user ids (several joined by commas), a choice as the
 * chosen option's value (forgeable: the handler checks it is one of `options`).
 */
export interface Input {
  id: string;
  label: string;
  kind?: 'text' | 'number' | 'date' | 'time' | 'user' | 'users' | 'choice';
  /** the options of a choice (one is picked; `initial` names the one picked already) */
  options?: ChoiceOption[];
  placeholder?: string;
  multiline?: boolean;
  maxLength?: number;
  optional?: boolean;
  /** shown by hosts that check required fields before sending (Teams) */
  requiredMessage?: string;
  /** people offered first in a people picker (Teams; Slack searches the workspace) */
  people?: string[];
  /** filled in already (text, date and choice inputs): a suggestion the person may change */
  initial?: string;
}

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * Questions answered in place: Teams shows the inputs inside the card; Slack cannot hold
 * inputs in a message, so a button (`open`) opens a modal with them.
 */
export interface Form {
  type: 'form';
  /** modal title (Slack allows 24 characters) */
  title: string;
  open: string;
  /** closes the modal without sending */
  cancel: string;
  inputs: Input[];
  submit: Button;
  /** Teams shows the inputs only after `open` is pressed (a card with other content) */
  collapsed?: boolean;
}

export interface Link {
  label: string;
  url: string;
}

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

/**
 * A person inside any text of a card: Slack shows a real mention, Teams the person's name when
 * the service has seen it.
 */
export const mention = (userId: string) => `\uE000${userId}\uE001`;
export const MENTION_TOKEN = /\uE000([^\uE001]{1,200})\uE001/g;
/**
 * Text from outside (a command, a form, an ingested comment or name) without the marks of a
 * mention token: typed by someone, they would make the renderers mention (and notify) a person.
 */
export const withoutMentionMarks = (s: string): string => (/[\uE000\uE001]/.test(s) ? s.replace(/[\uE000\uE001]/g, '') : s);

export const assertNever = (x: never): never => {
  throw new Error(`unhandled card element: ${JSON.stringify(x)}`);
};
