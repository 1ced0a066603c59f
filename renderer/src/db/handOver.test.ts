import { describe, expect, it } from 'vitest';
import { HandOverRefused, recordHandOver, recordSurvey, summariseSurveys } from './handOver';
import { draftRequest, openTestDb } from './testDb.testkit';

describe('hand-over and the quality questionnaire', () => {
  it('hands over a decided request once, and refuses one without a result', async () => {
    const db = openTestDb();
    await db.requests.bulkAdd([draftRequest('r-1', { status: 'completed' }), draftRequest('r-2', { status: 'submitted' })]);
    await recordHandOver(db, 'r-1', 'op-1', new Date('2026-12-03T06:00:00Z'));
    await recordHandOver(db, 'r-1', 'op-1', new Date('2026-12-03T07:00:00Z'));
    expect((await db.requests.get('r-1'))?.handedOverAt).toBe('2026-12-03T06:00:00.000Z');
    expect(await db.events.where('type').equals('result.handed_over').count()).toBe(1);
    await expect(recordHandOver(db, 'r-2', 'op-1')).rejects.toBeInstanceOf(HandOverRefused);
    expect((await db.requests.get('r-2'))?.handedOverAt).toBeUndefined();
  });

  it('keeps one questionnaire per request and sums answers per Almaty day and service', async () => {
    const db = openTestDb();
    await db.requests.bulkAdd([
      draftRequest('a', { status: 'completed', serviceId: 's1' }),
      draftRequest('b', { status: 'completed', serviceId: 's1' }),
      draftRequest('c', { status: 'rejected', serviceId: 's2' }),
    ]);
    // 20:30 UTC on the 2nd is already the 3rd in Almaty (UTC+5).
    await recordSurvey(db, 'a', { processQuality: 1, informationQuality: 3 }, 'op', new Date('2026-12-02T20:30:00Z'));
    await recordSurvey(db, 'a', { processQuality: 3, informationQuality: 3 }, 'op', new Date('2026-12-02T20:31:00Z'));
    await recordSurvey(db, 'b', { processQuality: 2, informationQuality: 3 }, 'op', new Date('2026-12-03T05:00:00Z'));
    await recordSurvey(db, 'c', { processQuality: 1, informationQuality: 1 }, 'op', new Date('2026-12-01T05:00:00Z'));
    expect(await summariseSurveys(db, '2026-12-03', '2026-12-03')).toEqual([
      { day: '2026-12-03', serviceId: 's1', responses: 2, processQuality: { 1: 0, 2: 1, 3: 1 }, informationQuality: { 1: 0, 2: 0, 3: 2 } },
    ]);
    expect((await summariseSurveys(db, '2026-12-01', '2026-12-03')).map((row) => [row.day, row.serviceId])).toEqual([
      ['2026-12-03', 's1'],
      ['2026-12-01', 's2'],
    ]);
  });
});
