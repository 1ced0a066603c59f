/**
 * The audit log as the host uses it: actions recorded in the name of whoever the session says is logged in
 * (the renderer cannot choose), and the three audit.* host calls.
 */
import type { AuditAction, AuditActor, AuditDetails } from '../../../shared/audit/auditEntry';
import type { HostHandlers } from '../../../shared/host/hostApi';
import type { HostLog } from '../logging/hostLog';
import type { OperatorSession } from '../operators/operatorSession';
import type { AuditLog } from './auditLog';
import type { WitnessCopy } from './verifyAuditLog';

export interface AuditRecorder {
  /**
   * Appends one entry as the current operator (or the workstation when nobody is logged in) and waits until it
   * is on disk. A failed write is reported to the host log, never thrown: the operator's work goes on.
   */
  record(action: AuditAction, subject?: string, details?: AuditDetails): Promise<void>;
  handlers: Pick<HostHandlers, 'audit.record' | 'audit.recent' | 'audit.verify'>;
}

export function actorOf(session: OperatorSession): AuditActor {
  const current = session.current();
  return current ? { operatorId: current.operator.id, login: current.operator.login } : 'workstation';
}

/** The dotted names of the settings a patch touches (`gateway.clientSecret`), never their values. */
export function settingKeys(patch: unknown, prefix = ''): string[] {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return prefix ? [prefix] : [];
  return Object.entries(patch as Record<string, unknown>).flatMap(([key, value]) => settingKeys(value, prefix ? `${prefix}.${key}` : key));
}

/** `remoteWitnesses`: copies kept off this disk (the gateway's), asked for at each verification; none when offline. */
export function createAuditRecorder(audit: AuditLog, session: OperatorSession, log: HostLog, remoteWitnesses: () => Promise<WitnessCopy[]> = async () => []): AuditRecorder {
  /** Appends in the name of whoever the session says is logged in. */
  const append = (action: AuditAction, subject?: string, details?: AuditDetails) =>
    audit.append({ actor: actorOf(session), action, ...(subject ? { subject } : {}), ...(details ? { details } : {}) });
  const record: AuditRecorder['record'] = async (action, subject, details) => {
    try {
      await append(action, subject, details);
    } catch (error) {
      log.error('audit.appendFailed', { code: action }, error);
    }
  };
  return {
    record,
    handlers: {
      // Here a failed write is the renderer's to retry (it keeps the action pending), so it is thrown.
      'audit.record': async ({ action, subject, details }) => ({ seq: (await append(action, subject, details)).seq }),
      'audit.recent': async (query) => audit.recent(query),
      'audit.verify': async () => {
        const result = await audit.verify({ witnesses: await remoteWitnesses().catch(() => []) });
        await record('audit.verified', undefined, { ok: result.ok, entries: result.entries, ...(result.firstProblem ? { problem: result.firstProblem.kind, problemSeq: result.firstProblem.seq } : {}) });
        return result;
      },
    },
  };
}
