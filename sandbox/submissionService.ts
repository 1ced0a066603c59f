/**
 * The submission rules of the protocol, independent of HTTP: idempotent PUT keyed by the client's UUID
 * (first time 201, same body again 200 with the stored response, different body 422, concurrent 409),
 * content checks, the optional signature hook, and status look-up.
 */
import {
  submissionBodySchema,
  submissionIdSchema,
  submissionPath,
  submissionStatusSchema,
  type SubmissionBody,
  type SubmissionStatus,
} from '../shared/gateway/gatewayProtocol';
import { jsonReply, parseJsonBody, type Reply } from './httpIo';
import { problem, problemTypes } from './problems';
import type { RegistrationNumbers } from './registrationNumbers';
import { decodeVerifiedAttachments, sha256Hex, verifyAttachmentList } from './submissionChecks';
import type { StoredSubmission, SubmissionStore } from './submissionStore';

export type SignatureVerdict = { ok: true; signerIin: string } | { ok: false; reason: string };
/** May be async, e.g. when revocation data has to be fetched. */
export type SignatureVerifier = (signedXml: string) => SignatureVerdict | Promise<SignatureVerdict>;

/** Checks one attachment's detached CMS against the file's SHA-256 (hex). */
export type AttachmentSignatureVerifier = (cmsDer: Uint8Array, sha256Hex: string) => Promise<SignatureVerdict>;

export interface SubmissionServiceDeps {
  store: SubmissionStore;
  registrationNumbers: RegistrationNumbers;
  verifySignature: SignatureVerifier | undefined;
  /** When given, every attachment must carry a CMS that verifies and was made by the XML's signer. */
  verifyAttachmentSignature?: AttachmentSignatureVerifier | undefined;
  now: () => Date;
}

/** Validates the id from the URL; UUIDs are lower-cased so the same key maps to one file on any file system. */
export function parseSubmissionId(raw: string): string {
  const parsed = submissionIdSchema.safeParse(raw);
  if (!parsed.success) throw problem(400, problemTypes.malformedRequest, 'Submission id must be a UUID', raw);
  return parsed.data.toLowerCase();
}

export class SubmissionService {
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: SubmissionServiceDeps) {}

  /** `whileInFlight` runs after the id is claimed, before processing: the hook for injected delays. */
  async put(submissionId: string, rawBody: Buffer, whileInFlight?: () => Promise<void>): Promise<Reply> {
    if (this.inFlight.has(submissionId)) {
      throw problem(
        409,
        problemTypes.submissionInFlight,
        'An earlier request with this submission id is still being processed',
        submissionId,
      );
    }
    this.inFlight.add(submissionId);
    try {
      await whileInFlight?.();
      return await this.process(submissionId, rawBody);
    } finally {
      this.inFlight.delete(submissionId);
    }
  }

  async get(submissionId: string): Promise<Reply> {
    const record = await this.deps.store.get(submissionId);
    if (!record) throw problem(404, problemTypes.notFound, 'Unknown submission', submissionId);
    return jsonReply(200, JSON.stringify(statusOf(record)));
  }

  private async process(submissionId: string, rawBody: Buffer): Promise<Reply> {
    const body = parseBody(rawBody);
    const bodySha256 = sha256Hex(JSON.stringify(body));

    const existing = await this.deps.store.get(submissionId);
    if (existing) {
      if (existing.bodySha256 !== bodySha256) {
        throw problem(
          422,
          problemTypes.idempotencyKeyReused,
          'Submission id already used with a different body',
          submissionId,
        );
      }
      return jsonReply(200, existing.response.body);
    }

    const attachmentBytes = decodeVerifiedAttachments(body.attachments);
    verifyAttachmentList(body.signedXml, body.attachments);
    const signerIin = await this.verifySigner(body.signedXml);
    await this.verifyAttachmentSignatures(body.attachments, signerIin);

    const received = this.deps.now();
    const status: SubmissionStatus = submissionStatusSchema.parse({
      submissionId,
      registrationNumber: await this.deps.registrationNumbers.next(received),
      status: 'registered',
      receivedAt: received.toISOString(),
    });
    const responseBody = JSON.stringify(status);
    await this.deps.store.save(
      {
        ...status,
        bodySha256,
        signerIin,
        signedXml: body.signedXml,
        attachments: body.attachments.map(({ sha256, fileName, mimeType, cmsBase64 }) => ({
          sha256,
          fileName,
          mimeType,
          size: attachmentBytes.get(sha256)?.length ?? 0,
          ...(cmsBase64 ? { cmsBase64 } : {}),
        })),
        response: { status: 201, body: responseBody },
      },
      attachmentBytes,
    );
    return jsonReply(201, responseBody, { location: submissionPath(submissionId) });
  }

  private async verifyAttachmentSignatures(attachments: SubmissionBody['attachments'], signerIin: string | null): Promise<void> {
    const verify = this.deps.verifyAttachmentSignature;
    if (!verify) return;
    for (const attachment of attachments) {
      if (!attachment.cmsBase64) throw problem(422, problemTypes.signatureInvalid, 'Attachment is not signed', attachment.fileName);
      const verdict = await verify(new Uint8Array(Buffer.from(attachment.cmsBase64, 'base64')), attachment.sha256);
      if (!verdict.ok) throw problem(422, problemTypes.signatureInvalid, 'Attachment signature verification failed', `${attachment.fileName}: ${verdict.reason}`);
      if (signerIin !== null && verdict.signerIin !== signerIin) throw problem(422, problemTypes.signatureInvalid, 'Attachment signed by someone else', attachment.fileName);
    }
  }

  private async verifySigner(signedXml: string): Promise<string | null> {
    if (!this.deps.verifySignature) return null;
    const verdict = await this.deps.verifySignature(signedXml);
    if (!verdict.ok) throw problem(422, problemTypes.signatureInvalid, 'Signature verification failed', verdict.reason);
    return verdict.signerIin;
  }
}

function parseBody(rawBody: Buffer): SubmissionBody {
  const parsed = submissionBodySchema.safeParse(parseJsonBody(rawBody));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw problem(400, problemTypes.malformedRequest, 'Body does not match the submission schema', detail.join('; '));
  }
  return parsed.data;
}

const statusOf = (record: StoredSubmission): SubmissionStatus =>
  submissionStatusSchema.parse({
    submissionId: record.submissionId,
    registrationNumber: record.registrationNumber,
    status: record.status,
    receivedAt: record.receivedAt,
  });
