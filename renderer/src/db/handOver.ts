/**
 * The end of a request at the window (seed 004 Table 3): the result handed to the applicant, the papers given,
 * and the quality questionnaire (Annex 4) with its summary per day and service.
 */
import { almatyDate } from '../../../shared/calendar/workingDays';
import type { QabylDatabase, SurveyAnswer, SurveyRow } from './database';

export type PaperKind = 'acceptance' | 'refusal' | 'result' | 'withdrawal';

export async function recordPaper(db: QabylDatabase, requestId: string, paper: PaperKind, how: 'printed' | 'saved', operatorId: string): Promise<void> {
  await db.events.add({ requestId, at: new Date().toISOString(), type: `paper.${how}`, operatorId, data: { paper } });
}

export class HandOverRefused extends Error {
  override name = 'HandOverRefused';
}

/** Only a decided request (license or refusal received) is handed over, and only once. */
export async function recordHandOver(db: QabylDatabase, requestId: string, operatorId: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.transaction('rw', db.requests, db.events, async () => {
    const request = await db.requests.get(requestId);
    if (!request || (request.status !== 'completed' && request.status !== 'rejected')) throw new HandOverRefused(`request ${requestId} has no result to hand over`);
    if (request.handedOverAt) return;
    await db.requests.update(requestId, { handedOverAt: at });
    await db.events.add({ requestId, at, type: 'result.handed_over', operatorId });
  });
}

export async function recordSurvey(db: QabylDatabase, requestId: string, answers: { processQuality: SurveyAnswer; informationQuality: SurveyAnswer }, operatorId: string, now = new Date()): Promise<void> {
  await db.transaction('rw', db.requests, db.surveys, db.events, async () => {
    const request = await db.requests.get(requestId);
    if (!request) throw new HandOverRefused(`request ${requestId} does not exist`);
    const at = now.toISOString();
    // put: the applicant may correct an answer before leaving; one questionnaire per request.
    await db.surveys.put({ requestId, serviceId: request.serviceId, day: almatyDate(at), at, operatorId, ...answers });
    await db.events.add({ requestId, at, type: 'survey.answered', operatorId });
  });
}

export type AnswerCounts = Record<SurveyAnswer, number>;

export interface SurveySummaryRow {
  day: string;
  serviceId: string;
  responses: number;
  processQuality: AnswerCounts;
  informationQuality: AnswerCounts;
}

const noAnswers = (): AnswerCounts => ({ 1: 0, 2: 0, 3: 0 });

/** Counts of each answer per Almaty day and service, days newest first, over [fromDay, toDay]. */
export async function summariseSurveys(db: QabylDatabase, fromDay: string, toDay: string): Promise<SurveySummaryRow[]> {
  const rows: SurveyRow[] = await db.surveys.where('day').between(fromDay, toDay, true, true).toArray();
  const groups = new Map<string, SurveySummaryRow>();
  for (const row of rows) {
    const key = `${row.day} ${row.serviceId}`;
    const group = groups.get(key) ?? { day: row.day, serviceId: row.serviceId, responses: 0, processQuality: noAnswers(), informationQuality: noAnswers() };
    group.responses += 1;
    group.processQuality[row.processQuality] += 1;
    group.informationQuality[row.informationQuality] += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.day.localeCompare(a.day) || a.serviceId.localeCompare(b.serviceId));
}
