import { describe, expect, it } from 'vitest';
import { createDiagnostics, type DiagnosticsInput } from './diagnostics';

const IIN = '900101300123';
const BIN = '040340005678';
const AT = new Date('2026-11-22T10:00:00.000Z');

const input: DiagnosticsInput = {
  version: '0.1.0',
  electronVersion: '41.7.1',
  platform: 'win32',
  queueSummary: { byState: { queued: 2, sending: 1, needsAttention: 1 }, oldestQueuedAt: '2026-11-20T08:30:00.000Z' },
  recentErrors: ['2026-11-22T09:00:00.000Z sync.failed gateway.unavailable — Error: HTTP 503'],
  catalogVersion: '2026.11.1',
};

describe('createDiagnostics', () => {
  it('summarises versions, queue and errors', () => {
    expect(createDiagnostics(input, AT)).toEqual({
      format: 'qabyl-diagnostics/1',
      generatedAt: AT.toISOString(),
      app: { version: '0.1.0', electronVersion: '41.7.1', platform: 'win32' },
      catalogVersion: '2026.11.1',
      queue: { byState: { queued: 2, sending: 1, needsAttention: 1 }, total: 4, oldestQueuedAt: '2026-11-20T08:30:00.000Z' },
      recentErrors: input.recentErrors,
    });
  });

  it('carries no IIN, BIN or name, even planted in errors, queue states or the update error', () => {
    const planted = createDiagnostics(
      {
        ...input,
        queueSummary: { byState: { queued: 1, [`Иванов Иван ${IIN}`]: 2 }, oldestQueuedAt: `${IIN}` },
        recentErrors: [
          `sync.failed — applicant ${IIN} (Иванов Иван Иванович) unknown`,
          `company BIN ${BIN} not registered`,
          'signing.failed — CN=ҚАСЫМОВ ЕРЛАН,SERIALNUMBER=IIN900101300123',
          'lookup — surname: Petrov',
        ],
        update: { phase: 'idle', lastError: { code: 'update.http', message: `proxy blocked user ${IIN}`, at: AT.toISOString() } },
      },
      AT,
    );
    const json = JSON.stringify(planted);
    for (const secret of [IIN, BIN, 'Иванов', 'Иван', 'ҚАСЫМОВ', 'ЕРЛАН', 'Petrov']) expect(json).not.toContain(secret);
    expect(json).not.toMatch(/\d{10,}/);
    expect(planted.queue).toEqual({ byState: { queued: 1, other: 2 }, total: 3 });
    expect(planted.update).toEqual({ phase: 'idle', lastError: { code: 'update.http', message: 'proxy blocked user [number]', at: AT.toISOString() } });
  });

  it('ignores counts that are not counts', () => {
    expect(createDiagnostics({ ...input, queueSummary: { byState: { queued: -1, sent: 1.5, failed: 2 } } }, AT).queue).toEqual({ byState: { failed: 2 }, total: 2 });
  });
});
