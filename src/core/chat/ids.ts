/** The shapes of the ids Slack and Teams give people. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: string) => GUID.test(s);
