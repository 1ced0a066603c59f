/**
 * The host's audit log, able to let go of its files and take them up again: a restore replaces the audit folder
 * with the backup's chain, and the open writer must not go on appending to a file that is no longer there.
 * Everyone holds this one object; only what it delegates to changes.
 */
import type { AuditLog } from '../audit/auditLog';

export interface ReopenableAuditLog extends AuditLog {
  /** Opens the files as they are now (after close). */
  reopen(): Promise<void>;
}

export async function openReopenableAuditLog(open: () => Promise<AuditLog>): Promise<ReopenableAuditLog> {
  let current = await open();
  return {
    append: (event) => current.append(event),
    recent: (query) => current.recent(query),
    verify: (options) => current.verify(options),
    publicKey: () => current.publicKey(),
    witness: () => current.witness(),
    close: () => current.close(),
    async reopen() {
      current = await open();
    },
  };
}
