/**
 * Our e-licensing gateway protocol, v0: what the sandbox speaks and what the host's transport sends.
 *
 *   GET  /health                      → 200 {status:"ok", service:"qabyl-sandbox"}
 *   PUT  /v0/submissions/{id}         → 201 first time, 200 on a replay of the same body (same response),
 *                                       422 same id with a different body, 400 malformed body
 *   GET  /v0/submissions/{id}         → 200 SubmissionStatus, 404 unknown
 *   POST /v0/tsa                      → RFC 3161 TimeStampResp for an application/timestamp-query body
 *   GET  /v0/crl                      → the issuing CA's current CRL (PEM)
 *
 * The submission id is the client's idempotency key (UUID generated when the request was created).
 */
import { z } from 'zod';

export const submissionIdSchema = z.string().uuid();

export const attachmentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(127),
  contentBase64: z.string(),
  /** Detached CMS over the file by the signing operator, with a TSA token when the client could get one. */
  cmsBase64: z.string().optional(),
});
export type GatewayAttachment = z.infer<typeof attachmentSchema>;

export const submissionBodySchema = z.object({
  /** The signed request XML (enveloped XMLDSig). */
  signedXml: z.string().min(1),
  attachments: z.array(attachmentSchema),
});
export type SubmissionBody = z.infer<typeof submissionBodySchema>;

export const submissionStatuses = ['registered', 'in_review', 'completed', 'rejected'] as const;

export const submissionStatusSchema = z.object({
  submissionId: submissionIdSchema,
  registrationNumber: z.string().min(1),
  status: z.enum(submissionStatuses),
  receivedAt: z.string(),
});
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  detail: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const submissionPath = (submissionId: string) => `/v0/submissions/${encodeURIComponent(submissionId)}`;
