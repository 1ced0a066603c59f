/**
 * When the applicant can expect the result: the kind's overall cap (or its ground's own cap, e.g. seed 003's
 * spin-off/division re-issue) counted from the submission moment on the Kazakhstan working-day calendar.
 * And the request's own path through the kind's step graph, each step with its due moment.
 */
import { dueAt, parseInstant, type Instant } from '../calendar/workingDays';
import type { ChannelKind, Duration, RequestKind, StepOutcome } from './catalogSchema';

type Step = RequestKind['steps'][number];

export function resultCap(kind: RequestKind, groundId?: string): Duration | null {
  return kind.grounds.find((ground) => ground.id === groundId)?.resultCap ?? kind.resultCap;
}

/** Epoch ms of the result deadline, or null where the seed states no overall cap. */
export function expectedResultAt(kind: RequestKind, submittedAt: Instant, groundId?: string): number | null {
  const cap = resultCap(kind, groundId);
  return cap ? dueAt(submittedAt, cap) : null;
}

export interface PathQuery {
  /** Where the request was taken; every request of this workstation is a ЦОН's. */
  channel: ChannelKind;
  /** The re-issue ground; absent, a kind with grounds takes its first (the form requires one before signing). */
  groundId?: string | undefined;
  /** How it ended, or `granted` while it is undecided: the path a request is expected to take. */
  outcome: StepOutcome;
  /** Steps the provider reported done: an alternative step is on the path once reported (and its counterpart is not). */
  reported?: ReadonlySet<string>;
}

const returnedOnly = (step: Step) => step.on?.outcomes?.length === 1 && step.on.outcomes[0] === 'returned';

/** The outcome a request's path follows: a reported step of the `returned` branch says so; otherwise the decision, if any. */
export function outcomeOf(kind: RequestKind, decision: 'license' | 'refusal' | null, reported: ReadonlySet<string>): StepOutcome {
  if (kind.steps.some((step) => reported.has(step.id) && returnedOnly(step))) return 'returned';
  return decision === 'refusal' ? 'refused' : 'granted';
}

/**
 * The steps on the request's own path, in the regulation's order. A `returned` branch ends the request: its path
 * runs to the end of that branch (consecutive `returned` steps; the one the provider reported, else the first).
 */
export function requestPath(kind: RequestKind, query: PathQuery): Step[] {
  const groundId = query.groundId ?? kind.grounds[0]?.id;
  const reported = query.reported ?? new Set<string>();
  const replaced = new Set(kind.steps.filter((step) => step.on?.insteadOf && reported.has(step.id)).map((step) => step.on!.insteadOf!));
  const candidates = kind.steps.filter((step) => {
    const on = step.on;
    if (replaced.has(step.id)) return false;
    if (on?.insteadOf && !reported.has(step.id)) return false;
    if (on?.channels && !on.channels.includes(query.channel)) return false;
    if (on?.grounds && (groundId === undefined || !on.grounds.includes(groundId))) return false;
    return true;
  });
  if (query.outcome !== 'returned') return candidates.filter((step) => !step.on?.outcomes || step.on.outcomes.includes(query.outcome));
  const branches: Step[][] = [];
  candidates.forEach((step, i) => {
    if (!returnedOnly(step)) return;
    if (i > 0 && returnedOnly(candidates[i - 1]!)) branches.at(-1)!.push(step);
    else branches.push([step]);
  });
  const taken = branches.find((branch) => branch.some((step) => reported.has(step.id))) ?? branches[0];
  const end = taken ? candidates.indexOf(taken.at(-1)!) : candidates.length - 1;
  return candidates.slice(0, end + 1).filter((step) => (returnedOnly(step) ? taken!.includes(step) : !step.on?.outcomes || step.on.outcomes.includes('returned')));
}

export interface StepDue {
  id: string;
  startsAt: number;
  /** Epoch ms, or null for an untimed step with no limit. */
  dueAt: number | null;
}

/**
 * Due moments along a path. A step starts when the last of the steps it follows is due (an untimed one at its own
 * start: "on the day of receipt" is a moment, not an amount); predecessors off the path pass on their own. Each due
 * moment is capped by the step's own limit and by the result deadline: the regulations nest their hour windows in
 * their working-day windows (seed 003: 2 + 9 + 3 + 1 working days make the 15), so chaining every window end to end
 * would overrun a deadline the provider is bound by.
 */
export function pathDeadlines(kind: RequestKind, path: readonly Step[], submittedAt: Instant, groundId?: string): StepDue[] {
  const submitted = parseInstant(submittedAt);
  const resultDue = expectedResultAt(kind, submitted, groundId ?? kind.grounds[0]?.id);
  const index = new Map(kind.steps.map((step, i) => [step.id, i]));
  const onPath = new Map(path.map((step) => [step.id, step]));
  const ends = new Map<string, number>();

  /** The moments the step waits for: its predecessors on the path, or theirs when a predecessor is off it. */
  const waitsFor = (step: Step): number[] => {
    const i = index.get(step.id) ?? 0;
    const before = step.after ?? (i > 0 ? [kind.steps[i - 1]!.id] : []);
    return before.flatMap((id) => {
      const end = onPath.has(id) ? ends.get(id) : undefined;
      if (end !== undefined) return [end];
      const predecessor = kind.steps[index.get(id) ?? -1];
      return predecessor ? waitsFor(predecessor) : [];
    });
  };

  const capped = (moment: number, step: Step) => Math.min(moment, step.limit ? dueAt(submitted, step.limit) : Infinity, resultDue ?? Infinity);
  return path.map((step) => {
    const startsAt = Math.max(submitted, ...waitsFor(step));
    const due = step.duration ? capped(dueAt(startsAt, step.duration), step) : step.limit ? capped(dueAt(submitted, step.limit), step) : null;
    ends.set(step.id, due ?? startsAt);
    return { id: step.id, startsAt, dueAt: due };
  });
}

/** The due moment of each step on the request's path, for flagging overdue steps while tracking. */
export function stepDeadlines(kind: RequestKind, submittedAt: Instant, query: PathQuery) {
  const path = requestPath(kind, query);
  return { path, due: pathDeadlines(kind, path, submittedAt, query.groundId) };
}
