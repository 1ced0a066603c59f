/**
 * A submission's life on the sandbox's scaled clock (1 working day = `workingDayMs` of real time), derived from
 * its receipt time and the current time alone, so it needs no timers and survives a restart.
 * The walk, simplified from the catalog (README, sandbox section):
 *  - it follows the request's path through the kind's step graph (shared/catalog/deadlines.ts `requestPath`) for a
 *    request taken at a ЦОН: a license walks the positive branch, a refusal the refusal branch; the re-issue ground
 *    is the kind's first, and alternatives (a provider employee instead of the territorial subdivision) are skipped;
 *  - registration is the commit itself, so the walk starts after the path's last «register» step, and the window's
 *    own steps (the hand-over) are the workstation's, never reported by the provider;
 *  - each step lasts its catalog duration, or its limit when it has none (hours of an 8-hour working day, calendar
 *    days as 5/7 of a working day, a step with neither a quarter day); when the kind has a cap in working days the
 *    walk is compressed to fit it.
 */
import type { Duration, RequestKind } from '../../shared/catalog/catalogSchema';
import { requestPath } from '../../shared/catalog/deadlines';
import { isWindowStep } from '../../shared/catalog/windowSteps';
import type { SubmissionStatusName, TimelineEvent } from '../../shared/gateway/gatewayProtocol';
import type { Decision } from './decision';

type Step = RequestKind['steps'][number];

const REGISTER_STEP = /(^|-)registers?$/;
const NOMINAL_STEP_DAYS = 0.25;

const workingDaysPer: Record<Duration['unit'], number> = { workingDays: 1, calendarDays: 5 / 7, hours: 1 / 8, workingHours: 1 / 8, minutes: 1 / 480, seconds: 1 / 28_800 };

export interface Plan {
  /** When each walked step completes, in ms after receipt. */
  steps: { step: Step; afterMs: number }[];
  decidedAfterMs: number;
}

export function planWalk(kind: RequestKind, decision: Decision, workingDayMs: number): Plan {
  const path = requestPath(kind, { channel: 'serviceCentre', outcome: decision.kind === 'refusal' ? 'refused' : 'granted' });
  const lastRegister = path.findLastIndex((step) => REGISTER_STEP.test(step.id));
  const walked = path.slice(lastRegister + 1).filter((step) => !isWindowStep(step));
  const days = walked.map((step) => {
    const length = step.duration ?? step.limit;
    return length ? length.amount * workingDaysPer[length.unit] : NOMINAL_STEP_DAYS;
  });
  const total = days.reduce((sum, d) => sum + d, 0);
  const cap = kind.resultCap?.unit === 'workingDays' ? kind.resultCap.amount : Infinity;
  const scale = total > cap ? cap / total : 1;
  let elapsed = 0;
  const steps = walked.map((step, i) => {
    elapsed += (days[i] ?? 0) * scale * workingDayMs;
    return { step, afterMs: Math.round(elapsed) };
  });
  return { steps, decidedAfterMs: steps.at(-1)?.afterMs ?? 0 };
}

export interface Life {
  status: SubmissionStatusName;
  events: TimelineEvent[];
  decidedAt: Date | null;
}

export function lifeAt(plan: Plan, receivedAt: Date, now: Date, texts: { registered: string; decided: { status: 'completed' | 'rejected'; code: string; text: string } }): Life {
  const at = (afterMs: number) => new Date(receivedAt.getTime() + afterMs);
  const elapsed = now.getTime() - receivedAt.getTime();
  const events: TimelineEvent[] = [{ at: receivedAt.toISOString(), code: 'registered', text: texts.registered }];
  for (const { step, afterMs } of plan.steps) {
    if (afterMs > elapsed) break;
    events.push({ at: at(afterMs).toISOString(), stepId: step.id, code: 'step-completed', text: `${step.actor.kk}: ${step.action.kk}` });
  }
  if (plan.decidedAfterMs <= elapsed) {
    events.push({ at: at(plan.decidedAfterMs).toISOString(), code: texts.decided.code, text: texts.decided.text });
    return { status: texts.decided.status, events, decidedAt: at(plan.decidedAfterMs) };
  }
  return { status: events.length > 1 ? 'in_review' : 'registered', events, decidedAt: null };
}
