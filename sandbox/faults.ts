/**
 * Fault injection for tests of the client's offline and retry paths, scoped by route class
 * (shared/gateway/routeClasses.ts). Each rule fires on a matching request with its probability, drawn from a
 * seeded generator so a run can be replayed, until its `count` is used up. The first rule that fires wins.
 */
import { z } from 'zod';
import { routeClasses, type RouteClass } from '../shared/gateway/routeClasses';
import { seededRandom } from './seededRandom';

export const faultModes = [
  /** Close the connection without an answer, before reading the request. */
  'drop',
  /** Wait `delayMs`, then serve normally. */
  'delay',
  /** Read `afterBytes` of the request body, then close the connection (the handler sees a cut-off body). */
  'resetRequest',
  /** Serve normally (state changes happen), send the headers and `afterBytes` of the body, then close. */
  'resetResponse',
  /** Answer `status` (5xx) as a problem, with Retry-After when `retryAfterSeconds` is set. */
  'serverError',
  /** Answer 429 with Retry-After. */
  'rateLimit',
  /** Answer 200 with an HTML login page, as a captive portal does. */
  'captivePortal',
  /** Serve normally but cut the JSON body in half, with a Content-Length that matches the cut body. */
  'truncatedJson',
  /** Answer 200 application/json whose body is not JSON. */
  'malformedJson',
] as const;
export type FaultMode = (typeof faultModes)[number];

export const faultScopes = ['any', ...routeClasses] as const;

export const faultRuleSchema = z.object({
  mode: z.enum(faultModes),
  on: z.enum(faultScopes).default('any'),
  /** How many requests this rule affects; absent = until the faults are replaced. */
  count: z.number().int().positive().optional(),
  /** The chance a matching request is hit. Default 1. */
  probability: z.number().min(0).max(1).default(1),
  status: z.number().int().min(500).max(599).default(503),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  delayMs: z.number().int().nonnegative().max(600_000).default(1_000),
  /** For the reset modes: how much of the body passes before the cut. Default: half of it. */
  afterBytes: z.number().int().nonnegative().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const sandboxFaultsSchema = z.object({
  /** Seeds the probability draws; the same seed and request sequence give the same faults. */
  seed: z.number().int().default(1),
  /** Empty: no faults. */
  rules: z.array(faultRuleSchema).max(32),
});
export type SandboxFaults = z.input<typeof sandboxFaultsSchema>;

/** The default Retry-After for 429, so a client always has one to honour. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];
  private random = seededRandom(1);

  set(faults: SandboxFaults): void {
    const parsed = sandboxFaultsSchema.parse(faults);
    this.rules = parsed.rules.map((rule) => ({ rule, remaining: rule.count ?? Infinity }));
    this.random = seededRandom(parsed.seed);
  }

  /** The fault for this request, if any; uses up one of that rule's `count`. */
  take(routeClass: RouteClass, hasBody = true): FaultRule | undefined {
    for (const entry of this.rules) {
      if (entry.remaining <= 0 || (entry.rule.on !== 'any' && entry.rule.on !== routeClass)) continue;
      // A cut mid-body needs a body: a HEAD or GET is left alone rather than turned into a plain drop.
      if (entry.rule.mode === 'resetRequest' && !hasBody) continue;
      if (entry.rule.probability < 1 && this.random() >= entry.rule.probability) continue;
      entry.remaining -= 1;
      return entry.rule;
    }
    return undefined;
  }
}
