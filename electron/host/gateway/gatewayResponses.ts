/**
 * Turns gateway answers into the classes the sync engine acts on (research R2), so no caller decides on
 * status codes. A 200 whose body does not parse (captive portal, truncated proxy answer) is transient: every
 * call here is idempotent, so asking again is always safe.
 */
import { problemSchema, problemTypes, type Problem } from '../../../shared/gateway/gatewayProtocol';
import type { GatewayFailure } from '../../../shared/sync/syncOutcomes';

const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** The same key is being processed by another request: ask again shortly. */
export const IN_FLIGHT_RETRY_MS = 2_000;

export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function parseProblem(text: string): Problem | null {
  try {
    return problemSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

export function problemText(problem: Problem | null, text: string, status: number): string {
  if (problem) return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
  return text.slice(0, 500) || `HTTP ${status}`;
}

/** Any non-success answer, classified; `text` is the body already read. */
export function classifyFailure(status: number, text: string, retryAfterHeader: string | null | undefined): GatewayFailure {
  // A success where the protocol wants another answer (a portal's 200 page to a tus request): ask again.
  if (status < 400) return unreadable(status, text);
  const problem = parseProblem(text);
  const detail = problemText(problem, text, status);
  if (status === 401) return { kind: 'auth', httpStatus: status, detail };
  if (status === 409) return { kind: 'transient', httpStatus: status, retryAfterMs: IN_FLIGHT_RETRY_MS, detail };
  if (status === 422 && problem?.type === problemTypes.attachmentNotUploaded) return { kind: 'upload_expired', sha256s: problem.missing ?? [], detail };
  if (TRANSIENT_STATUSES.has(status)) {
    const retryAfter = retryAfterMs(retryAfterHeader);
    return { kind: 'transient', httpStatus: status, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }), detail };
  }
  // The gateway gives every refusal with a body as a problem document (HEAD answers have none). A 4xx body that
  // is not one was mangled on the way (cut short by a proxy, a portal's page): no verdict, so no final stop.
  if (!problem && text !== '' && status < 500) return unreadable(status, text);
  return { kind: 'permanent', httpStatus: status, detail };
}

/** A success status whose body is not what the protocol promises. */
export function unreadable(status: number, text: string): GatewayFailure {
  return { kind: 'transient', httpStatus: status, detail: `unreadable gateway answer: ${text.slice(0, 200)}` };
}

export function unreachable(error: unknown): GatewayFailure {
  return { kind: 'unreachable', detail: error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error) };
}
