/**
 * The regulation's steps the service centre's operator performs at the window (seed 004 Table 3 «Орталық операторы»):
 * the workstation does them itself, so they are never the provider's to be late with. Those before the request is
 * registered (log-in, choosing the service, the registry look-up, filling, scanning, signing, sending) are done once
 * the request is accepted; the hand-over waits for the applicant, and is never "overdue" either.
 */
import type { RequestKind } from './catalogSchema';

type Step = RequestKind['steps'][number];

/** The catalog names the operator's actor this way in every seed that has one (seed004.ts `actors.operator`). */
const WINDOW_ACTOR_EN = 'ЦОН operator';
const REGISTER_STEP = /(^|-)registers?$/;

export const isWindowStep = (step: Step) => step.actor.en === WINDOW_ACTOR_EN;

/** The ids of the window's steps that acceptance completes: the operator's steps before the first registration step of the path. */
export function stepsDoneAtAcceptance(path: readonly Step[]): Set<string> {
  const register = path.findIndex((step) => REGISTER_STEP.test(step.id));
  const before = register === -1 ? [] : path.slice(0, register);
  return new Set(before.filter(isWindowStep).map((step) => step.id));
}
