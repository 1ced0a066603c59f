/**
 * When the applicant can expect the result: the kind's overall cap (or its ground's own cap, e.g. seed 003's
 * spin-off/division re-issue) counted from the submission moment on the Kazakhstan working-day calendar.
 */
import { dueAt, stepDueMoments, type Instant } from '../calendar/workingDays';
import type { Duration, RequestKind } from './catalogSchema';

export function resultCap(kind: RequestKind, groundId?: string): Duration | null {
  return kind.grounds.find((ground) => ground.id === groundId)?.resultCap ?? kind.resultCap;
}

/** Epoch ms of the result deadline, or null where the seed states no overall cap. */
export function expectedResultAt(kind: RequestKind, submittedAt: Instant, groundId?: string): number | null {
  const cap = resultCap(kind, groundId);
  return cap ? dueAt(submittedAt, cap) : null;
}

/** The due moment of each of the provider's steps in order, for flagging overdue steps while tracking. */
export function stepDeadlines(kind: RequestKind, submittedAt: Instant) {
  return stepDueMoments(submittedAt, kind.steps.map((step) => ({ id: step.id, duration: step.duration })));
}
