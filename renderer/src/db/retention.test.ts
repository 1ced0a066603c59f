import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { newOutboxEntry, outboxStates, type OutboxEntry, type OutboxState } from '../../../shared/sync/outbox';
import type { QabylDatabase, RequestStatus } from './database';
import { sweepRetention } from './retention';
import { draftRequest, openTestDb } from './testDb.testkit';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T06:00:00.000Z');
const RETENTION_DAYS = 30;
const sha = (n: number) => n.toString(16).padStart(64, '0');
const RESULT_SHA = 'f'.repeat(64);

let db: QabylDatabase | undefined;
afterEach(() => db?.close());

/**
 * The host's document store as far as this sweep can tell: which files exist, and which it was asked to remove.
 * (The real store is in the main process; its purge is tested there.)
 */
function hostStore(files: string[]) {
  const stored = new Set(files);
  const purged: string[][] = [];
  return {
    stored,
    purged,
    purge: async (sha256s: string[]) => {
      purged.push(sha256s);
      let removed = 0;
      for (const file of sha256s) if (stored.delete(file)) removed += 1;
      return { removed };
    },
  };
}

interface Case {
  status: RequestStatus;
  /** None: never queued (a draft, a refusal at the window). */
  outbox?: OutboxState;
  result?: boolean;
  /** Days before NOW; none: not handed over. */
  handedOverDaysAgo?: number;
  files: number[];
}

const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function seed(target: QabylDatabase, cases: Case[]): Promise<void> {
  for (const [n, c] of cases.entries()) {
    const id = idOf(n);
    await target.requests.add(draftRequest(id, { status: c.status, ...(c.handedOverDaysAgo === undefined ? {} : { handedOverAt: new Date(NOW.getTime() - c.handedOverDaysAgo * DAY).toISOString() }) }));
    if (c.outbox) {
      const entry: OutboxEntry = { ...newOutboxEntry({ id, requestId: id, now: 0, payload: { signedXml: '<x/>', attachments: [] } }), state: c.outbox };
      if (c.result) entry.result = { kind: 'license', decidedAt: '2026-01-01T00:00:00.000Z', documentSha256: RESULT_SHA, fileName: 'license.pdf', signedBy: 'Провайдер' };
      await target.outbox.add(entry);
    }
    for (const [i, file] of c.files.entries()) {
      await target.documents.add({ id: `${id}-${i}`, requestId: id, sha256: sha(file), fileName: `scan-${i}.pdf`, mimeType: 'application/pdf', size: 100, addedAt: '2026-01-01T00:00:00.000Z' });
    }
  }
}

const settled = (files: number[], daysAgo = RETENTION_DAYS + 1): Case => ({ status: 'completed', outbox: 'completed', result: true, handedOverDaysAgo: daysAgo, files });

describe('sweepRetention', () => {
  it('removes the scans of a request handed over more than N days ago, once, and keeps its result', async () => {
    db = openTestDb();
    await seed(db, [settled([1, 2]), settled([3], RETENTION_DAYS - 1)]);
    const host = hostStore([sha(1), sha(2), sha(3), RESULT_SHA]);
    expect(await sweepRetention(db, { retentionDays: RETENTION_DAYS, now: NOW, purge: host.purge })).toEqual({ requests: 1, documents: 2, removedFiles: 2 });
    expect([...host.stored].sort()).toEqual([sha(3), RESULT_SHA]);
    const documents = await db.documents.where('requestId').equals(idOf(0)).toArray();
    expect(documents.every((document) => document.purgedAt === NOW.toISOString())).toBe(true);
    expect((await db.requests.get(idOf(0)))?.scansPurged).toEqual({ at: NOW.toISOString(), afterDays: RETENTION_DAYS });
    expect(await db.events.where('requestId').equals(idOf(0)).toArray()).toMatchObject([{ type: 'scans.purged', data: { documents: 2, afterDays: RETENTION_DAYS } }]);

    expect(await sweepRetention(db, { retentionDays: RETENTION_DAYS, now: NOW, purge: host.purge })).toEqual({ requests: 0, documents: 0, removedFiles: 0 });
    expect(host.purged).toHaveLength(1);
  });

  it('never touches what is unsent, undelivered, without a result or not handed over', async () => {
    db = openTestDb();
    await seed(db, [
      { status: 'draft', handedOverDaysAgo: 400, files: [1] },
      { status: 'queued', outbox: 'queued', handedOverDaysAgo: 400, files: [2] },
      { status: 'submitted', outbox: 'submitted', handedOverDaysAgo: 400, files: [3] },
      { status: 'completed', outbox: 'completed', result: false, handedOverDaysAgo: 400, files: [4] },
      { status: 'completed', outbox: 'completed', result: true, files: [5] },
      { status: 'completed', result: true, handedOverDaysAgo: 400, files: [6] },
      { status: 'needs_attention', outbox: 'needs_attention', result: true, handedOverDaysAgo: 400, files: [7] },
    ]);
    const host = hostStore([1, 2, 3, 4, 5, 6, 7].map(sha));
    expect(await sweepRetention(db, { retentionDays: RETENTION_DAYS, now: NOW, purge: host.purge })).toEqual({ requests: 0, documents: 0, removedFiles: 0 });
    expect(host.purged).toEqual([]);
    expect(await db.documents.filter((document) => document.purgedAt !== undefined).count()).toBe(0);
  });

  it('keeps a file another request still needs, and removes it once that one is done too', async () => {
    db = openTestDb();
    await seed(db, [settled([1, 2]), { status: 'submitted', outbox: 'submitted', files: [2] }]);
    const host = hostStore([sha(1), sha(2)]);
    await sweepRetention(db, { retentionDays: RETENTION_DAYS, now: NOW, purge: host.purge });
    expect([...host.stored]).toEqual([sha(2)]);
    expect((await db.requests.get(idOf(0)))?.scansPurged).toBeUndefined();

    await db.requests.update(idOf(1), { status: 'completed', handedOverAt: new Date(NOW.getTime() - 40 * DAY).toISOString() });
    await db.outbox.update(idOf(1), { state: 'completed', result: { kind: 'license', decidedAt: '', documentSha256: RESULT_SHA, fileName: 'l.pdf', signedBy: '' } });
    await sweepRetention(db, { retentionDays: RETENTION_DAYS, now: NOW, purge: host.purge });
    expect([...host.stored]).toEqual([]);
    expect((await db.requests.get(idOf(0)))?.scansPurged).toBeDefined();
  });

  it('whatever the mix of requests, purges no file of a request that is not settled, and every file only settled ones hold', async () => {
    const statuses: RequestStatus[] = ['draft', 'queued', 'submitted', 'completed', 'rejected', 'needs_attention', 'not_accepted'];
    // Drawn so that requests one condition short of settled are common: those are the ones a wrong rule would purge.
    const aCase = fc.record({
      status: fc.oneof(fc.constantFrom<RequestStatus>('completed', 'rejected'), fc.constantFrom(...statuses)),
      outbox: fc.oneof(fc.constantFrom<OutboxState>('completed', 'rejected'), fc.option(fc.constantFrom(...outboxStates), { nil: undefined })),
      result: fc.boolean(),
      handedOverDaysAgo: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined, freq: 3 }),
      files: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(aCase, { maxLength: 14 }), fc.integer({ min: 1, max: 60 }), async (cases, retentionDays) => {
        db?.close();
        db = openTestDb();
        await seed(db, cases);
        const all = cases.flatMap((c) => c.files.map(sha));
        const host = hostStore([...all, RESULT_SHA]);
        await sweepRetention(db, { retentionDays, now: NOW, purge: host.purge });
        // The rule written out again, independently of retention.ts.
        const mayGo = (c: Case) =>
          c.handedOverDaysAgo !== undefined && c.handedOverDaysAgo > retentionDays && (c.status === 'completed' || c.status === 'rejected') && (c.outbox === 'completed' || c.outbox === 'rejected') && c.result === true;
        const needed = new Set([RESULT_SHA, ...cases.filter((c) => !mayGo(c)).flatMap((c) => c.files.map(sha))]);
        const purged = new Set(host.purged.flat());
        for (const file of purged) expect(needed.has(file), `purged ${file}`).toBe(false);
        for (const file of all) expect(purged.has(file) || needed.has(file), `kept ${file}`).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
