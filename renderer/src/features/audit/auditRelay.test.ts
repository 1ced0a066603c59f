import { describe, expect, it } from 'vitest';
import { recordedActionSchema, type RecordedAction } from '../../../../shared/audit/auditEntry';
import type { HostClient } from '../../../../shared/host/hostApi';
import { recordHandOver, recordPaper } from '../../db/handOver';
import { draftRequest, openTestDb } from '../../db/testDb.testkit';
import { HostCallError } from '../../host/hostClient';
import { recordAction, relayAudit } from './auditRelay';

const requestId = '3b0e7c7e-58d5-4bd6-9a39-1f6b8e0c2d40';

/**
 * The host's audit.record as the renderer sees it. Renderer code may not import the host (lint boundary), so
 * this stands in for it; the host side of the same call is tested in electron/host/audit/auditHandlers.test.ts.
 */
function fakeAuditHost() {
  const received: RecordedAction[] = [];
  let refusing = false;
  const host = {
    async call(method: string, args: unknown) {
      if (method !== 'audit.record') throw new Error(`unexpected ${method}`);
      if (refusing) throw new HostCallError('bridge.internal');
      received.push(args as RecordedAction);
      return { seq: received.length };
    },
  } as HostClient;
  return { host, received, refuse: (value: boolean) => void (refusing = value) };
}

describe('audit relay', () => {
  it('sends each action of consequence once, from the timeline events the actions already write', async () => {
    const db = openTestDb();
    const { host, received } = fakeAuditHost();
    await db.events.add({ requestId: 'before-the-relay', at: '2026-12-01T05:00:00Z', type: 'request.created', operatorId: 'op-0' });
    await relayAudit(host, db, 'op-1');
    expect(received).toEqual([]);

    await db.requests.add(draftRequest(requestId, { status: 'completed' }));
    await db.events.add({ requestId, at: new Date().toISOString(), type: 'request.created', operatorId: 'op-1' });
    await recordPaper(db, requestId, 'acceptance', 'printed', 'op-1');
    await recordHandOver(db, requestId, 'op-1');
    await db.events.add({ requestId, at: new Date().toISOString(), type: 'survey.answered', operatorId: 'op-1' });
    await db.events.add({ requestId, at: new Date().toISOString(), type: 'scans.purged', data: { documents: 2, afterDays: 30 } });
    await recordPaper(db, requestId, 'result', 'saved', 'op-2');
    await Promise.all([relayAudit(host, db, 'op-1'), relayAudit(host, db, 'op-1')]);
    await relayAudit(host, db, 'op-1');
    expect(received).toEqual([
      { action: 'request.created', subject: requestId },
      { action: 'paper.printed', subject: requestId, details: { paper: 'acceptance' } },
      { action: 'result.handedOver', subject: requestId },
      { action: 'retention.swept', subject: requestId, details: { count: 2 } },
      { action: 'paper.saved', subject: requestId, details: { paper: 'result', reportedFor: 'op-2' } },
    ]);
  });

  it('records the ways out of a stopped request with their codes and linked requests, never the names', async () => {
    const db = openTestDb();
    const { host, received } = fakeAuditHost();
    await relayAudit(host, db, 'op-1');
    const linked = '5c1d8e8f-69e6-4ce7-8b4a-2a7c9f1d3e51';
    for (const [type, data] of [
      ['request.correction_started', { mode: 'supersede', by: linked }],
      ['request.corrected', { mode: 'replace', replacedSigner: '3a5f' }],
      ['request.correction_cancelled', undefined],
      ['request.withdrawn', { reason: 'dataError' }],
    ] as const) {
      await db.events.add({ requestId, at: new Date().toISOString(), type, operatorId: 'op-1', ...(data ? { data } : {}) });
    }
    await relayAudit(host, db, 'op-1');
    expect(received).toEqual([
      { action: 'request.correctionStarted', subject: requestId, details: { reason: 'supersede', submissionId: linked } },
      { action: 'request.corrected', subject: requestId, details: { reason: 'replace' } },
      { action: 'request.correctionCancelled', subject: requestId },
      { action: 'request.withdrawn', subject: requestId, details: { reason: 'dataError' } },
    ]);
    for (const action of received) expect(recordedActionSchema.safeParse(action).success).toBe(true);
  });

  it('keeps what the host refused and sends it, in order, once the host takes it again', async () => {
    const db = openTestDb();
    const { host, received, refuse } = fakeAuditHost();
    await relayAudit(host, db, 'op-1');
    refuse(true);
    await recordAction(db, { action: 'request.changed', subject: requestId, details: { fields: ['phone'] } });
    await db.events.add({ requestId, at: new Date().toISOString(), type: 'request.not_accepted', operatorId: 'op-1', data: { missing: ['passport', 'photo'] } });
    await expect(relayAudit(host, db, 'op-1')).rejects.toThrow(HostCallError);
    await recordAction(db, { action: 'queue.exported', details: { count: 3 } });
    refuse(false);
    await relayAudit(host, db, 'op-1');
    await relayAudit(host, db, 'op-1');
    expect(received).toEqual([
      { action: 'request.changed', subject: requestId, details: { fields: ['phone'] } },
      { action: 'queue.exported', details: { count: 3 } },
      { action: 'request.notAccepted', subject: requestId, details: { count: 2 } },
    ]);
  });
});
