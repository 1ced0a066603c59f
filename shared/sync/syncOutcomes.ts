/**
 * What one gateway call came to, already classified by the host's transport, so the sync engine decides on
 * classes, never on status codes (research R2). The same schemas carry these over the host API.
 */
import { z } from 'zod';
import { submissionStatuses, timelineEventSchema } from '../gateway/gatewayProtocol';

const failureSchemas = [
  /** No answer at all: the link is down; nothing is known to have reached the gateway. */
  z.object({ kind: z.literal('unreachable'), detail: z.string() }),
  z.object({ kind: z.literal('transient'), httpStatus: z.number().optional(), retryAfterMs: z.number().optional(), detail: z.string() }),
  /** The gateway refused the submission itself: shown verbatim, never retried on its own. */
  z.object({ kind: z.literal('permanent'), httpStatus: z.number(), detail: z.string() }),
  /** Our client credentials were refused. */
  z.object({ kind: z.literal('auth'), httpStatus: z.number().optional(), detail: z.string() }),
  /** The gateway no longer holds (or never got) these files; they must be uploaded again. */
  z.object({ kind: z.literal('upload_expired'), sha256s: z.array(z.string()), detail: z.string() }),
  z.object({ kind: z.literal('checksum_mismatch'), detail: z.string() }),
] as const;

export const gatewayFailureSchema = z.discriminatedUnion('kind', failureSchemas);
export type GatewayFailure = z.infer<typeof gatewayFailureSchema>;

export const uploadOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uploaded'), sha256: z.string(), bytesSent: z.number().int().nonnegative() }),
  ...failureSchemas,
]);
export type UploadOutcome = z.infer<typeof uploadOutcomeSchema>;

export const commitOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), registrationNumber: z.string(), status: z.enum(submissionStatuses) }),
  ...failureSchemas,
]);
export type CommitOutcome = z.infer<typeof commitOutcomeSchema>;

export const pollOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.enum(submissionStatuses),
    events: z.array(timelineEventSchema),
    decided: z.boolean(),
  }),
  ...failureSchemas,
]);
export type PollOutcome = z.infer<typeof pollOutcomeSchema>;

export const resultOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('result'),
    result: z.object({
      kind: z.enum(['license', 'refusal']),
      decidedAt: z.string(),
      documentSha256: z.string(),
      fileName: z.string(),
      licenseNumber: z.string().optional(),
      grounds: z.array(z.object({ code: z.string(), text: z.string(), basis: z.string() })).optional(),
      signedBy: z.string(),
    }),
  }),
  /** The result did not verify (signature, chain, digest): never handed over; the operator is told. */
  z.object({ kind: z.literal('invalid'), detail: z.string() }),
  ...failureSchemas,
]);
export type ResultOutcome = z.infer<typeof resultOutcomeSchema>;

export const applicantCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('match') }),
  /** Registry says otherwise (or knows no such person/entity): the operator decides. */
  z.object({ kind: z.literal('mismatch'), detail: z.string(), registry: z.string().optional(), typed: z.string().optional() }),
  ...failureSchemas,
]);
export type ApplicantCheck = z.infer<typeof applicantCheckSchema>;
