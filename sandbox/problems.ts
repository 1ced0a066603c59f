/**
 * RFC 9457 problem details as the sandbox sends them. Handlers throw a ProblemError; the server turns it
 * into one application/problem+json reply, so every error path has the same shape.
 */
import { problemTypes, type Problem } from '../shared/gateway/gatewayProtocol';

export { problemTypes };

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Extra response headers, e.g. Allow on 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
}

export function problem(
  status: number,
  type: string,
  title: string,
  detail?: string,
  headers?: Record<string, string>,
  /** Members beyond the standard ones, e.g. `missing`. */
  extra: Partial<Problem> = {},
): ProblemError {
  return new ProblemError(status, { type, title, ...(detail === undefined ? {} : { detail }), ...extra }, headers);
}
