/**
 * Transport to the e-licensing gateway (our protocol v1, spoken by the sandbox; the national system is reached
 * through an adapter with this same port). Every call returns a classified outcome, never a raw status, so the
 * sync engine decides on classes; tokens, tus and retries of a refused token are handled here.
 */
import { AUDIT_WITNESS_HEADER, auditWitnessSchema, type AuditWitness } from '../../../shared/audit/auditWitness';
import type { z } from 'zod';
import {
  individualRecordSchema,
  legalEntityRecordSchema,
  paths,
  paymentRecordSchema,
  powerOfAttorneySchema,
  submissionResultSchema,
  submissionStatusSchema,
  type CommittedAttachment,
  type IndividualRecord,
  type LegalEntityRecord,
  type PaymentRecord,
  type PowerOfAttorney,
  type SubmissionCommit,
  type SubmissionResult,
  type SubmissionStatus,
} from '../../../shared/gateway/gatewayProtocol';
import type { CommitOutcome, GatewayFailure, UploadOutcome } from '../../../shared/sync/syncOutcomes';
import type { DocumentStore } from '../storage/documentStore';
import { createTokenSource, type GatewayCredentials } from './gatewayAuth';
import type { GatewayConnection } from './gatewayConnection';
import { classifyFailure, unreachable, unreadable } from './gatewayResponses';
import { createTusUploader } from './tusUploader';
import type { FileSealer } from '../vault/vault';

export interface OutgoingAttachment {
  sha256: string;
  fileName: string;
  mimeType: string;
  cmsBase64?: string;
}

export type Fetched<T> = { ok: true; value: T } | { ok: false; failure: GatewayFailure };
/** A registry answer: the record, or null when the registry holds no such person or entity. */
export type Looked<T> = { ok: true; value: T | null } | { ok: false; failure: GatewayFailure };

export interface GatewayTransport {
  probe(): Promise<boolean>;
  /** The issuing CA's current revocation list, as the gateway relays it (throws when it cannot be had). */
  fetchCrl(): Promise<Uint8Array>;
  /** An RFC 3161 answer from the time-stamping authority the gateway relays (throws TsaUnreachable without an answer). */
  timestamp(timeStampReqDer: Uint8Array): Promise<Uint8Array>;
  /** `firstAttempt`: the request was never tried, so no HEAD asks first whether the gateway holds the file. */
  upload(attachment: OutgoingAttachment, options?: { firstAttempt?: boolean }): Promise<UploadOutcome>;
  commit(submissionId: string, commit: SubmissionCommit): Promise<CommitOutcome>;
  status(submissionId: string): Promise<Fetched<SubmissionStatus>>;
  result(submissionId: string): Promise<Fetched<SubmissionResult>>;
  individual(iin: string): Promise<Looked<IndividualRecord>>;
  legalEntity(bin: string): Promise<Looked<LegalEntityRecord>>;
  powerOfAttorney(number: string): Promise<Looked<PowerOfAttorney>>;
  /** A fee paid through the payment gateway (ЭҮТШ), as E-licensing sees it. */
  payment(reference: string): Promise<Looked<PaymentRecord>>;
  /** The newest audit witness this workstation sent with its submissions, as the gateway keeps it. */
  auditWitness(): Promise<Looked<AuditWitness>>;
}

/** No answer at all from the TSA (as opposed to a refusal): try again later rather than send without trusted time. */
export class TsaUnreachable extends Error {
  override name = 'TsaUnreachable';
}

/** Far above any result document the gateway sends (a license PDF, base64 in JSON); a larger answer is not read whole. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The body, or null once it passes `limit` (the rest is not read). */
async function readAtMost(response: Response, limit: number): Promise<Uint8Array | null> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader?.cancel();
      return null;
    }
    chunks.push(read.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

type Answer = { ok: true; status: number; text: string; bytes: Uint8Array } | { ok: false; failure: GatewayFailure };

export function createHttpGatewayTransport(options: {
  baseUrl: string;
  documents: DocumentStore;
  credentials: () => Promise<GatewayCredentials>;
  /** Where resumable upload URLs are remembered across restarts, sealed with `atRest`. */
  uploadStateFile: string;
  atRest: FileSealer;
  timeoutMs?: number;
  /** The audit log's newest signed checkpoint, sent with every submission (the gateway keeps the newest). */
  auditWitness?: () => AuditWitness | null;
  /** Production's pinned HTTPS (gatewayConnection.ts); plain fetch without it (training's loopback sandbox). */
  connection?: GatewayConnection;
}): GatewayTransport {
  const send = options.connection?.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const witnessHeader = (): Record<string, string> => {
    const witness = options.auditWitness?.();
    return witness ? { [AUDIT_WITNESS_HEADER]: Buffer.from(JSON.stringify(witness)).toString('base64') } : {};
  };
  const url = (path: string) => new URL(path, options.baseUrl).toString();
  const tokens = createTokenSource({ baseUrl: options.baseUrl, credentials: options.credentials, fetch: send });
  const agent = options.connection?.agent;
  const tus = createTusUploader({ baseUrl: options.baseUrl, urlStorageFile: options.uploadStateFile, atRest: options.atRest, ...(agent ? { agent } : {}) });

  /** One authorised request; a refused token is renewed and the request made once more. */
  async function call(path: string, init: RequestInit = {}, renewed = false): Promise<Answer> {
    const token = await tokens.get();
    if (!token.ok) return token;
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await send(url(path), {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token.token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await readAtMost(response, MAX_ANSWER_BYTES);
      if (!body) return { ok: false, failure: unreadable(response.status, `an answer over ${MAX_ANSWER_BYTES} bytes`) };
      bytes = body;
    } catch (error) {
      return { ok: false, failure: unreachable(error) };
    }
    if (response.status === 401 && !renewed) {
      tokens.invalidate(token.token);
      return call(path, init, true);
    }
    const text = Buffer.from(bytes).toString('utf8');
    if (response.status >= 400) return { ok: false, failure: classifyFailure(response.status, text, response.headers.get('retry-after')) };
    return { ok: true, status: response.status, text, bytes };
  }

  function parsed<T>(answer: Answer, schema: z.ZodType<T>): Fetched<T> {
    if (!answer.ok) return answer;
    try {
      return { ok: true, value: schema.parse(JSON.parse(answer.text)) };
    } catch {
      return { ok: false, failure: unreadable(answer.status, answer.text) };
    }
  }

  /** `isFor`: whether the record is the one asked for; one for another number (a proxy's cache, a mixed-up answer) must never fill a form. */
  async function lookUp<T>(path: string, schema: z.ZodType<T>, isFor: (record: T) => boolean = () => true): Promise<Looked<T>> {
    const answer = await call(path);
    if (!answer.ok) return answer.failure.kind === 'permanent' && answer.failure.httpStatus === 404 ? { ok: true, value: null } : answer;
    const record = parsed(answer, schema);
    if (record.ok && !isFor(record.value)) return { ok: false, failure: unreadable(answer.status, 'a record for another number than asked') };
    return record;
  }

  return {
    async probe() {
      try {
        const response = await send(url(paths.health), { signal: AbortSignal.timeout(5_000) });
        const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
        // A captive portal answers 200 too; only the gateway's own health document counts.
        return response.ok && body?.status === 'ok';
      } catch {
        return false;
      }
    },
    async fetchCrl() {
      const answer = await call(paths.crl);
      if (!answer.ok) throw new Error(`CRL: ${answer.failure.detail}`);
      return answer.bytes;
    },
    async timestamp(requestDer) {
      const answer = await call(paths.tsa, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: requestDer });
      if (!answer.ok && answer.failure.kind === 'unreachable') throw new TsaUnreachable(answer.failure.detail);
      if (!answer.ok) throw new Error(`TSA: ${answer.failure.detail}`);
      return answer.bytes;
    },
    async upload(attachment, { firstAttempt = false } = {}) {
      // On a retry the gateway may hold the file already (sent before a crash); a first attempt skips the round trip
      // and uploads, as the file is rarely there (only when another request carried the same scan).
      if (!firstAttempt) {
        const held = await call(paths.blob(attachment.sha256), { method: 'HEAD' });
        if (held.ok) return { kind: 'uploaded', sha256: attachment.sha256, bytesSent: 0 };
        if (held.failure.kind !== 'permanent' || held.failure.httpStatus !== 404) return held.failure;
      }
      const bytes = await options.documents.get(attachment.sha256);
      for (let renewed = false; ; renewed = true) {
        const token = await tokens.get();
        if (!token.ok) return token.failure;
        const outcome = await tus.upload({ ...attachment, bytes, token: token.token });
        if (outcome.kind !== 'auth' || renewed) return outcome;
        tokens.invalidate(token.token);
      }
    },
    async commit(submissionId, commit) {
      const answer = await call(paths.submission(submissionId), {
        method: 'PUT',
        // The witness rides in a header, outside the body, so a retried commit stays byte-identical.
        headers: { 'content-type': 'application/json', 'idempotency-key': submissionId, ...witnessHeader() },
        body: JSON.stringify(commit),
      });
      const status = parsed(answer, submissionStatusSchema);
      if (!status.ok) return status.failure;
      return { kind: 'accepted', registrationNumber: status.value.registrationNumber, status: status.value.status };
    },
    async status(submissionId) {
      return parsed(await call(paths.submission(submissionId)), submissionStatusSchema);
    },
    async result(submissionId) {
      return parsed(await call(paths.submissionResult(submissionId)), submissionResultSchema);
    },
    individual: (iin) => lookUp(paths.individual(iin), individualRecordSchema, (record) => record.iin === iin),
    legalEntity: (bin) => lookUp(paths.legalEntity(bin), legalEntityRecordSchema, (record) => record.bin === bin),
    powerOfAttorney: (number) => lookUp(paths.powerOfAttorney(number), powerOfAttorneySchema),
    payment: (reference) => lookUp(paths.payment(reference), paymentRecordSchema),
    auditWitness: () => lookUp(paths.auditWitness, auditWitnessSchema),
  };
}

/** The commit body: the signed XML and, per attachment, what the gateway checks the held bytes against. */
export async function commitBody(signedXml: string, attachments: OutgoingAttachment[], sizeOf: (sha256: string) => Promise<number>): Promise<SubmissionCommit> {
  const committed: CommittedAttachment[] = await Promise.all(
    attachments.map(async ({ sha256, fileName, mimeType, cmsBase64 }) => ({ sha256, fileName, mimeType, size: await sizeOf(sha256), ...(cmsBase64 ? { cmsBase64 } : {}) })),
  );
  return { signedXml, attachments: committed };
}
