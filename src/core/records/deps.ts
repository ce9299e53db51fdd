/** What storing records needs. */
import type { CustomerKeys } from '../ports/customer-keys.js';
import type { InteractionStore } from '../ports/interactions.js';
import type { RollupStore } from '../ports/rollups.js';
import type { SurveyResponseStore } from '../ports/survey-responses.js';

export interface StoreDeps {
  interactions: InteractionStore;
  responses: SurveyResponseStore;
  rollups: RollupStore;
  customerKeys: CustomerKeys;
}
