/** Words for the audit log's action codes ("migration.rolledBack" → "Migration rolled back"). */
const LABELS: Record<string, string> = {
  "apiToken.create": "API token created",
  "apiToken.revoke": "API token revoked",
  "conversation.create": "Conversation started",
  "conversation.purge": "Conversation deleted",
  "invitation.accept": "Invitation accepted",
  "invitation.create": "Invitation created",
  "invitation.revoke": "Invitation revoked",
  "member.remove": "Member removed",
  "member.role": "Member role changed",
  "message.send": "Message sent",
  "migration.applied": "Migration applied",
  "migration.approve": "Migration plan approved",
  "migration.backupRestored": "Backup restored",
  "migration.cancel": "Migration cancelled",
  "migration.default": "Default value set",
  "migration.discard": "Migration plan discarded",
  "migration.failed": "Migration failed",
  "migration.pause": "Migration paused",
  "migration.plan": "Migration planned",
  "migration.preflight": "Preflight started",
  "migration.preflight.result": "Preflight finished",
  "migration.rename": "Rename decided",
  "migration.restoreBackup": "Backup restore started",
  "migration.resume": "Migration resumed",
  "migration.rollback": "Rollback started",
  "migration.rolledBack": "Migration rolled back",
  "migration.run": "Migration started",
  "project.create": "Project created",
  "project.delete": "Project deleted",
  "project.retention": "Retention changed",
  "project.settings": "Settings changed",
  "project.update": "Project renamed",
  "sandbox.clear": "Sandbox table emptied",
  "sandbox.generate": "Sample data generated",
  "sandbox.import": "Data imported",
  "user.delete": "Account deleted",
  "version.approve": "Version approved",
  "version.propose": "Change proposed",
  "version.rebase": "Proposal rebased",
  "version.reject": "Proposal rejected",
  "version.rollback": "Version rolled back",
  "webhook.create": "Webhook added",
  "webhook.delete": "Webhook deleted",
  "webhook.disable": "Webhook turned off",
};

export function actionLabel(action: string): string {
  if (LABELS[action]) return LABELS[action];
  // An action without words yet: "thing.didSomething" → "Thing did something".
  const words = action
    .replace(/\./g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
