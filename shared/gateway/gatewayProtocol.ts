/**
 * Our e-licensing gateway protocol, v1: what the sandbox speaks and what the host's transport sends.
 * The national system is reached through an adapter that speaks this to us. The same routes, with their
 * status codes and headers, are written down for people in ./openapi.yaml (a test keeps the two in step).
 *
 * Every /v1 route except the token route needs `Authorization: Bearer <token>` (401 otherwise).
 *
 *   GET  /health                                  200 {status:"ok", service}
 *   POST /v1/oauth/token                          client credentials (HTTP Basic or form fields client_id/client_secret,
 *                                                 grant_type=client_credentials) → TokenResponse; 401 bad client;
 *                                                 tokens may be forgotten (gateway restart): on 401 fetch a new one
 *
 *   Attachments, tus 1.0.0 (core + creation, creation-with-upload, expiration, checksum(sha256), termination):
 *   OPTIONS /v1/uploads                           204 Tus-Version, Tus-Extension, Tus-Checksum-Algorithm, Tus-Max-Size
 *   POST    /v1/uploads                           Upload-Length + Upload-Metadata (sha256, filename, filetype)
 *                                                 → 201 Location, Upload-Expires; 413 too large
 *   HEAD    /v1/uploads/{uploadId}                200 Upload-Offset, Upload-Length, Upload-Expires; 404 unknown; 410 expired
 *   PATCH   /v1/uploads/{uploadId}                application/offset+octet-stream, Upload-Offset, Upload-Checksum
 *                                                 → 204 Upload-Offset; 409 offset mismatch (with the server's
 *                                                 Upload-Offset); 415 other content type; 460 checksum mismatch;
 *                                                 410 expired; the completed upload must hash to its declared sha256
 *                                                 (else 460 and the upload is discarded)
 *   DELETE  /v1/uploads/{uploadId}                204
 *   HEAD    /v1/blobs/{sha256}                    200 (Upload-Length: its size) when a completed upload with these
 *                                                 bytes is held, else 404
 *
 *   PUT  /v1/submissions/{id}                     commit: Idempotency-Key = id; body SubmissionCommit referencing
 *                                                 uploaded blobs by sha256. 201 first time, 200 replay (same
 *                                                 response), 409 while the same key is in flight, 422 same key
 *                                                 with another body, 422 attachment-not-uploaded (with `missing`),
 *                                                 422 signature/manifest problems, 400 malformed
 *   GET  /v1/submissions/{id}                     SubmissionStatus (timeline events, result when decided); 404
 *   GET  /v1/submissions/{id}/result              SubmissionResult (license or motivated refusal, signed by the
 *                                                 provider); 404 while undecided
 *   GET  /v1/registries/individuals/{iin}         IndividualRecord; 404 none (ЖТ МДБ)
 *   GET  /v1/registries/legal-entities/{bin}      LegalEntityRecord; 404 none (ЗТ МДБ)
 *   GET  /v1/notary/powers-of-attorney/{number}   PowerOfAttorney; 404 none (ЕНИС)
 *   GET  /v1/payments/{reference}                 PaymentRecord; 404 none (ЭҮТШ)
 *   POST /v1/tsa                                  RFC 3161 TimeStampResp for an application/timestamp-query body
 *   GET  /v1/crl                                  the issuing CA's current CRL (PEM)
 *
 * Errors are RFC 9457 problem details. 429 and 503 carry Retry-After.
 */
import { z } from 'zod';

export const PROTOCOL_PREFIX = '/v1';
export const TUS_VERSION = '1.0.0';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.string().min(1);
export const iinOrBinSchema = z.string().regex(/^\d{12}$/);

/** The client's idempotency key: the request's UUID, made when the request was created. */
export const submissionIdSchema = z.string().uuid();
/**
 * The gateway's number for a request (ours: KZ-EL-2026-000123). Letters, digits and separators only: it is printed
 * on receipts and shown on screens, so markup, control characters or a page of text are an answer gone wrong.
 */
export const registrationNumberSchema = z.string().regex(/^[\p{L}\d][\p{L}\d./-]{0,63}$/u);

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** tus Upload-Metadata keys we send (values base64 on the wire, as tus requires). */
export const uploadMetadataKeys = { sha256: 'sha256', fileName: 'filename', mimeType: 'filetype' } as const;

export const committedAttachmentSchema = z.object({
  sha256: sha256Hex,
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(127),
  size: z.number().int().nonnegative(),
  /** Detached CMS over the file by the signing operator, with a TSA token when the client could get one. */
  cmsBase64: z.string().optional(),
});
export type CommittedAttachment = z.infer<typeof committedAttachmentSchema>;

export const submissionCommitSchema = z.object({
  /** The signed request XML (enveloped XMLDSig); it lists every attachment's SHA-256. */
  signedXml: z.string().min(1),
  attachments: z.array(committedAttachmentSchema),
});
export type SubmissionCommit = z.infer<typeof submissionCommitSchema>;

export const submissionStatuses = ['registered', 'in_review', 'completed', 'rejected'] as const;
export type SubmissionStatusName = (typeof submissionStatuses)[number];

export const timelineEventSchema = z.object({
  at: isoTime,
  /** The catalog step id this event belongs to, when it belongs to one. */
  stepId: z.string().optional(),
  code: z.string().min(1),
  /** The provider's words, shown as they are. */
  text: z.string(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const resultKinds = ['license', 'refusal'] as const;

export const submissionStatusSchema = z.object({
  submissionId: submissionIdSchema,
  registrationNumber: registrationNumberSchema,
  status: z.enum(submissionStatuses),
  receivedAt: isoTime,
  events: z.array(timelineEventSchema),
  /** Present once decided: where to fetch the signed result. */
  result: z.object({ kind: z.enum(resultKinds), decidedAt: isoTime }).optional(),
});
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const submissionResultSchema = z.object({
  submissionId: submissionIdSchema,
  registrationNumber: registrationNumberSchema,
  kind: z.enum(resultKinds),
  decidedAt: isoTime,
  /** The license number, for a license. */
  licenseNumber: z.string().optional(),
  /** The grounds of a motivated refusal, each with the regulation paragraph it rests on. */
  grounds: z.array(z.object({ code: z.string(), text: z.string(), basis: z.string() })).optional(),
  document: z.object({ fileName: z.string().min(1), mimeType: z.literal('application/pdf'), sha256: sha256Hex, contentBase64: z.string().min(1) }),
  /** The provider's detached CMS over the document bytes (chain to the pinned roots). */
  cmsBase64: z.string().min(1),
});
export type SubmissionResult = z.infer<typeof submissionResultSchema>;

export const individualRecordSchema = z.object({
  iin: iinOrBinSchema,
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  address: z.string().optional(),
});
export type IndividualRecord = z.infer<typeof individualRecordSchema>;

export const legalEntityRecordSchema = z.object({
  bin: iinOrBinSchema,
  name: z.string(),
  registeredAt: z.string(),
  headIin: iinOrBinSchema.optional(),
  address: z.string().optional(),
  /** Struck off the register: requests in its name cannot proceed. */
  active: z.boolean(),
});
export type LegalEntityRecord = z.infer<typeof legalEntityRecordSchema>;

export const powerOfAttorneySchema = z.object({
  number: z.string(),
  principal: iinOrBinSchema,
  agentIin: iinOrBinSchema,
  notary: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
  revoked: z.boolean(),
});
export type PowerOfAttorney = z.infer<typeof powerOfAttorneySchema>;

export const paymentRecordSchema = z.object({
  reference: z.string(),
  payer: iinOrBinSchema,
  amountTiyn: z.number().int().nonnegative(),
  purpose: z.string(),
  paidAt: isoTime,
  status: z.enum(['paid', 'refunded']),
});
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  detail: z.string().optional(),
  /** attachment-not-uploaded: the sha256 values the gateway does not hold. */
  missing: z.array(sha256Hex).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

const problemType = (slug: string) => `urn:qabyl:problem:${slug}`;

/** Problem types a client acts on (the others it shows verbatim). */
export const problemTypes = {
  malformedRequest: problemType('malformed-request'),
  payloadTooLarge: problemType('payload-too-large'),
  notFound: problemType('not-found'),
  methodNotAllowed: problemType('method-not-allowed'),
  forbidden: problemType('forbidden'),
  unauthorized: problemType('unauthorized'),
  submissionInFlight: problemType('submission-in-flight'),
  idempotencyKeyReused: problemType('idempotency-key-reused'),
  attachmentNotUploaded: problemType('attachment-not-uploaded'),
  attachmentHashMismatch: problemType('attachment-hash-mismatch'),
  attachmentListMismatch: problemType('attachment-list-mismatch'),
  signedXmlInvalid: problemType('signed-xml-invalid'),
  signatureInvalid: problemType('signature-invalid'),
  uploadExpired: problemType('upload-expired'),
  uploadOffsetMismatch: problemType('upload-offset-mismatch'),
  checksumMismatch: problemType('checksum-mismatch'),
  rateLimited: problemType('rate-limited'),
  serviceUnavailable: problemType('service-unavailable'),
  internal: problemType('internal-error'),
} as const;

/** tus's own status for a failed Upload-Checksum. */
export const CHECKSUM_MISMATCH_STATUS = 460;

export const paths = {
  health: '/health',
  token: `${PROTOCOL_PREFIX}/oauth/token`,
  uploads: `${PROTOCOL_PREFIX}/uploads`,
  upload: (uploadId: string) => `${PROTOCOL_PREFIX}/uploads/${encodeURIComponent(uploadId)}`,
  blob: (sha256: string) => `${PROTOCOL_PREFIX}/blobs/${sha256}`,
  submission: (submissionId: string) => `${PROTOCOL_PREFIX}/submissions/${encodeURIComponent(submissionId)}`,
  submissionResult: (submissionId: string) => `${PROTOCOL_PREFIX}/submissions/${encodeURIComponent(submissionId)}/result`,
  individual: (iin: string) => `${PROTOCOL_PREFIX}/registries/individuals/${iin}`,
  legalEntity: (bin: string) => `${PROTOCOL_PREFIX}/registries/legal-entities/${bin}`,
  powerOfAttorney: (number: string) => `${PROTOCOL_PREFIX}/notary/powers-of-attorney/${encodeURIComponent(number)}`,
  payment: (reference: string) => `${PROTOCOL_PREFIX}/payments/${encodeURIComponent(reference)}`,
  tsa: `${PROTOCOL_PREFIX}/tsa`,
  crl: `${PROTOCOL_PREFIX}/crl`,
  auditWitness: `${PROTOCOL_PREFIX}/audit-witness`,
} as const;
