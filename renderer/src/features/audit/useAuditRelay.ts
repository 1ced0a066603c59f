import { useCallback, useEffect, useRef } from 'react';
import { AUDIT_IDENTIFIER, type RecordedAction } from '../../../../shared/audit/auditEntry';
import type { FormValues } from '../../../../shared/forms/formSchema';
import { useAppServices, useSession } from '../../app/appContext';
import { recordAction, relayAudit } from './auditRelay';

/** A pass the host refused (disk full, link to the host lost) is tried again this often. */
const RETRY_MS = 30_000;
/** Typing is one change: the field names go to the log once the operator pauses. */
const TYPING_PAUSE_MS = 3_000;

/** While an operator is logged in: relay each timeline event as it is written, and retry what is waiting. */
export function useAuditRelay(): void {
  const { host, db } = useAppServices();
  const operatorId = useSession().operator.id;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pass = () => void relayAudit(host, db, operatorId).catch(() => undefined);
    // The hook fires inside the writing transaction; the pass runs once it has committed.
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(pass, 200);
    };
    db.events.hook('creating', soon);
    const retry = setInterval(pass, RETRY_MS);
    pass();
    return () => {
      db.events.hook('creating').unsubscribe(soon);
      clearInterval(retry);
      clearTimeout(timer);
    };
  }, [host, db, operatorId]);
}

/** Records an action that leaves no timeline event; never waits for, or fails on, the host. */
export function useRecordAction(): (action: RecordedAction) => void {
  const { host, db } = useAppServices();
  const operatorId = useSession().operator.id;
  return useCallback((action) => void recordAction(db, action).then(() => relayAudit(host, db, operatorId)).catch(() => undefined), [host, db, operatorId]);
}

/** The names (never the values) of the form fields an operator changed, recorded after each pause in typing. */
export function useChangedFieldsAudit(requestId: string): (before: FormValues, after: FormValues) => void {
  const record = useRecordAction();
  const changed = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (changed.current.size === 0) return;
    record({ action: 'request.changed', subject: requestId, details: { fields: [...changed.current].sort() } });
    changed.current = new Set();
  }, [record, requestId]);
  useEffect(() => flush, [flush]);
  return useCallback(
    // A field the form only filled in as empty is not a change.
    (before, after) => {
      for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) if ((before[name] ?? '') !== (after[name] ?? '') && AUDIT_IDENTIFIER.test(name)) changed.current.add(name);
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, TYPING_PAUSE_MS);
    },
    [flush],
  );
}
