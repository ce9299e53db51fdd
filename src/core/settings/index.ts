/** Team settings: the document, its changes and their audit, the agent directory. */
export * from './schema.js';
export * from './agent-schema.js';
export * from './audit-schema.js';
export type { AgentDeps, AuditDeps, SettingsDeps } from './deps.js';
export { getSettings } from './get-settings.js';
export { patchSettings, type PatchSettingsInput } from './patch-settings.js';
export { patchPrivacySettings, patchSurveySettings, type PatchSectionInput } from './patch-sections.js';
export { listSettingsAudit } from './list-settings-audit.js';
export { AgentConflictError, listAgents, putAgent, removeAgent } from './agents.js';
export { agentFilterOf, agentIdOfUser, agentNamesOf } from '../chat/agent-lookup.js';
export { addInstallerAsAdmin, type Installer } from './installer-admin.js';
export { isSettingsAdmin, assertSettingsAdmin, type SettingsViewer } from './admin.js';
export { settingsForm, type FormPlatform, type FormValues, type SettingsField, type SettingsFormView } from './form.js';
export { openSettingsForm, settingsSummary, submitSettingsForm, summaryOf, type SettingsFormDeps, type SettingsSummary, type SubmitResult } from './settings-form.js';
export * from './target-bot.js';
