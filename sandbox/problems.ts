/**
 * RFC 9457 problem details as the sandbox sends them. Handlers throw a ProblemError; the server turns it
 * into one application/problem+json reply, so every error path has the same shape.
 */
import type { Problem } from '../shared/gateway/gatewayProtocol';

const problemType = (slug: string) => `urn:qabyl:problem:${slug}`;

export const problemTypes = {
  malformedRequest: problemType('malformed-request'),
  payloadTooLarge: problemType('payload-too-large'),
  notFound: problemType('not-found'),
  methodNotAllowed: problemType('method-not-allowed'),
  forbidden: problemType('forbidden'),
  submissionInFlight: problemType('submission-in-flight'),
  idempotencyKeyReused: problemType('idempotency-key-reused'),
  attachmentHashMismatch: problemType('attachment-hash-mismatch'),
  attachmentListMismatch: problemType('attachment-list-mismatch'),
  signedXmlInvalid: problemType('signed-xml-invalid'),
  signatureInvalid: problemType('signature-invalid'),
  serviceUnavailable: problemType('service-unavailable'),
  internal: problemType('internal-error'),
} as const;

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
): ProblemError {
  return new ProblemError(status, detail === undefined ? { type, title } : { type, title, detail }, headers);
}
