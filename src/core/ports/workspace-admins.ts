/**
 * What the platform itself knows about a person's rights, asked only when a command needs an
 * admin (Slack: workspace admins and owners, members of user groups; Teams has none).
 */
export interface WorkspaceAdmins {
  /** Slack `users.info` → `is_admin` / `is_owner` (cached briefly by the adapter) */
  isWorkspaceAdmin(userId: string): Promise<boolean>;
  /** whether the user is a member of one of these user groups (Slack `S…` ids) */
  inGroups(groupIds: readonly string[], userId: string): Promise<boolean>;
}
