/**
 * Every chat adapter the contract suite runs against, and what each can do. A new adapter
 * joins here with its driver; the scenarios stay the same.
 *
 * | capability     | Slack          | Teams                 | console (cs-ops CLI) |
 * |----------------|----------------|-----------------------|----------------------|
 * | click          | yes            | yes                   | no (no buttons)      |
 * | proactive      | yes            | yes                   | no: refused, localized |
 * | findsLostPost  | yes (metadata) | no: posted again      | no (never posts)     |
 * | annex          | file (thread)  | signed link           | none                 |
 */
import { consoleDriver } from './console.js';
import type { ChatDriver } from './driver.js';
import { slackDriver } from './slack.js';
import { teamsDriver } from './teams.js';

export type { ChatDriver } from './driver.js';

/** `describe.each(drivers())`: fresh drivers per test file (one service each) */
export const drivers = (): ChatDriver[] => [slackDriver(), teamsDriver(), consoleDriver()];
