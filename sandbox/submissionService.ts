/**
 * The submission rules of the protocol, independent of HTTP: idempotent commit keyed by the client's UUID
 * (first time 201, same body again 200 with the stored response, different body 422, concurrent 409), content
 * and signature checks against the uploaded blobs, and the status and result, derived from the scaled clock.
 */
import { bundledCatalog, findKind, findService } from '../shared/catalog/catalog';
import type { RequestKind, Service } from '../shared/catalog/catalogSchema';
import {
  paths,
  submissionCommitSchema,
  submissionIdSchema,
  submissionResultSchema,
  submissionStatusSchema,
  type SubmissionCommit,
  type SubmissionResult,
  type SubmissionStatus,
} from '../shared/gateway/gatewayProtocol';
import type { BlobStore } from './blobStore';
import { jsonReply, parseJsonBody, type Reply } from './httpIo';
import { decide, type Decision } from './processing/decision';
import { readRequestFacts, type RequestFacts } from './processing/requestFacts';
import { renderResultPdf, type ResultSigner } from './processing/resultDocument';
import { lifeAt, planWalk, type Life } from './processing/timeline';
import { problem, problemTypes } from './problems';
import type { RegistrationNumbers } from './registrationNumbers';
import { sha256Hex, verifyAttachmentList, verifyBlobsHeld } from './submissionChecks';
import type { StoredSubmission, SubmissionStore } from './submissionStore';

export type SignatureVerdict = { ok: true; signerIin: string } | { ok: false; reason: string };
/** May be async, e.g. when revocation data has to be fetched. */
export type SignatureVerifier = (signedXml: string) => SignatureVerdict | Promise<SignatureVerdict>;

/** Checks one attachment's detached CMS against the file's bytes (a GOST CMS signs their Streebog-512, not the SHA-256). */
export type AttachmentSignatureVerifier = (cmsDer: Uint8Array, content: Uint8Array) => Promise<SignatureVerdict>;

export interface SubmissionServiceDeps {
  store: SubmissionStore;
  blobs: BlobStore;
  registrationNumbers: RegistrationNumbers;
  verifySignature: SignatureVerifier | undefined;
  /** When given, every attachment must carry a CMS that verifies and was made by the XML's signer. */
  verifyAttachmentSignature?: AttachmentSignatureVerifier | undefined;
  /** Signs result documents; asked for only when the first result is made. */
  resultSigner: () => Promise<ResultSigner>;
  now: () => Date;
  /** Real milliseconds per working day on the processing clock. */
  workingDayMs: number;
}

/** Validates the id from the URL; UUIDs are lower-cased so the same key maps to one file on any file system. */
export function parseSubmissionId(raw: string): string {
  const parsed = submissionIdSchema.safeParse(raw);
  if (!parsed.success) throw problem(400, problemTypes.malformedRequest, 'Submission id must be a UUID', raw);
  return parsed.data.toLowerCase();
}

interface Processing {
  facts: RequestFacts;
  service: Service;
  kind: RequestKind;
  decision: Decision;
  life: Life;
}

export class SubmissionService {
  private readonly inFlight = new Set<string>();
  /** Result documents being made, so concurrent GETs make one. */
  private readonly making = new Map<string, Promise<SubmissionResult>>();

  constructor(private readonly deps: SubmissionServiceDeps) {}

  /** `whileInFlight` runs after the id is claimed, before processing: the hook for injected delays. */
  async commit(submissionId: string, rawBody: Buffer, whileInFlight?: () => Promise<void>): Promise<Reply> {
    if (this.inFlight.has(submissionId)) {
      throw problem(409, problemTypes.submissionInFlight, 'An earlier request with this submission id is still being processed', submissionId);
    }
    this.inFlight.add(submissionId);
    try {
      await whileInFlight?.();
      return await this.process(submissionId, rawBody);
    } finally {
      this.inFlight.delete(submissionId);
    }
  }

  async status(submissionId: string): Promise<Reply> {
    const record = await this.record(submissionId);
    const { life, decision } = this.processing(record);
    return jsonReply(200, JSON.stringify(this.statusOf(record, life, decision)));
  }

  /** The public page a receipt's QR code opens: the state and registration number, nothing about the applicant. */
  async statusPage(submissionId: string): Promise<Reply> {
    const record = await this.deps.store.get(submissionId);
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    if (!record) return { status: 404, headers, body: statusHtml('Өтініш табылмады / Заявление не найдено', []) };
    const { life } = this.processing(record);
    return {
      status: 200,
      headers,
      body: statusHtml(`Өтініш / Заявление ${record.registrationNumber}`, [
        ['Күйі / Статус', life.status],
        ['Қабылданды / Принято', record.receivedAt],
        ...(life.decidedAt ? [['Шешім / Решение', life.decidedAt.toISOString()] as [string, string]] : []),
      ]),
    };
  }

  async result(submissionId: string): Promise<Reply> {
    const record = await this.record(submissionId);
    const cached = await this.deps.store.getResult(submissionId);
    if (cached) return jsonReply(200, JSON.stringify(cached));
    const processing = this.processing(record);
    if (!processing.life.decidedAt) throw problem(404, problemTypes.notFound, 'No result yet', `${record.registrationNumber} is ${processing.life.status}`);
    let making = this.making.get(submissionId);
    if (!making) {
      making = this.makeResult(record, processing).finally(() => this.making.delete(submissionId));
      this.making.set(submissionId, making);
    }
    return jsonReply(200, JSON.stringify(await making));
  }

  private async process(submissionId: string, rawBody: Buffer): Promise<Reply> {
    const body = parseBody(rawBody);
    const bodySha256 = sha256Hex(JSON.stringify(body));

    const existing = await this.deps.store.get(submissionId);
    if (existing) {
      if (existing.bodySha256 !== bodySha256) {
        throw problem(422, problemTypes.idempotencyKeyReused, 'Submission id already used with a different body', submissionId);
      }
      return jsonReply(200, existing.response.body);
    }

    const facts = readRequestFacts(body.signedXml);
    catalogEntry(facts);
    verifyAttachmentList(facts.attachmentSha256, body.attachments);
    await verifyBlobsHeld(body.attachments, this.deps.blobs);
    const signerIin = await this.verifySigner(body.signedXml);
    await this.verifyAttachmentSignatures(body.attachments, signerIin);

    const received = this.deps.now();
    const registrationNumber = await this.deps.registrationNumbers.next(received);
    const status: SubmissionStatus = submissionStatusSchema.parse({
      submissionId,
      registrationNumber,
      status: 'registered',
      receivedAt: received.toISOString(),
      events: [{ at: received.toISOString(), code: 'registered', text: registeredText(registrationNumber) }],
    });
    const responseBody = JSON.stringify(status);
    await this.deps.store.save({
      submissionId,
      registrationNumber,
      status: 'registered',
      receivedAt: status.receivedAt,
      bodySha256,
      signerIin,
      signedXml: body.signedXml,
      attachments: body.attachments,
      response: { status: 201, body: responseBody },
    });
    return jsonReply(201, responseBody, { location: paths.submission(submissionId) });
  }

  private async record(submissionId: string): Promise<StoredSubmission> {
    const record = await this.deps.store.get(submissionId);
    if (!record) throw problem(404, problemTypes.notFound, 'Unknown submission', submissionId);
    return record;
  }

  private processing(record: StoredSubmission): Processing {
    const facts = readRequestFacts(record.signedXml);
    const { service, kind } = catalogEntry(facts);
    const receivedAt = new Date(record.receivedAt);
    const decision = decide(facts, service, receivedAt);
    const plan = planWalk(kind, decision, this.deps.workingDayMs);
    const decided =
      decision.kind === 'license'
        ? { status: 'completed' as const, code: 'license-issued', text: `Лицензия берілді, № ${licenseNumberOf(record.registrationNumber)}` }
        : { status: 'rejected' as const, code: 'refused', text: `Дәлелді бас тарту: ${decision.grounds.map((ground) => ground.text).join('; ')}` };
    const life = lifeAt(plan, receivedAt, this.deps.now(), { registered: registeredText(record.registrationNumber), decided });
    return { facts, service, kind, decision, life };
  }

  private statusOf(record: StoredSubmission, life: Life, decision: Decision): SubmissionStatus {
    return submissionStatusSchema.parse({
      submissionId: record.submissionId,
      registrationNumber: record.registrationNumber,
      status: life.status,
      receivedAt: record.receivedAt,
      events: life.events,
      ...(life.decidedAt ? { result: { kind: decision.kind, decidedAt: life.decidedAt.toISOString() } } : {}),
    });
  }

  private async makeResult(record: StoredSubmission, { facts, service, kind, decision, life }: Processing): Promise<SubmissionResult> {
    const decidedAt = life.decidedAt!;
    const licenseNumber = decision.kind === 'license' ? licenseNumberOf(record.registrationNumber) : undefined;
    const grounds = decision.kind === 'refusal' ? decision.grounds : undefined;
    const pdf = await renderResultPdf({
      kind: decision.kind,
      registrationNumber: record.registrationNumber,
      ...(licenseNumber ? { licenseNumber } : {}),
      serviceName: service.name.kk,
      kindName: kind.name.kk,
      applicant: facts.applicant.kind === 'individual' ? `${facts.applicant.fullName}, ЖСН ${facts.applicant.iin}` : `${facts.applicant.name}, БСН ${facts.applicant.bin}`,
      decidedAt,
      ...(grounds ? { grounds } : {}),
    });
    const cms = await (await this.deps.resultSigner()).sign(pdf, decidedAt);
    const result = submissionResultSchema.parse({
      submissionId: record.submissionId,
      registrationNumber: record.registrationNumber,
      kind: decision.kind,
      decidedAt: decidedAt.toISOString(),
      ...(licenseNumber ? { licenseNumber } : {}),
      ...(grounds ? { grounds } : {}),
      document: {
        fileName: `${decision.kind === 'license' ? 'license' : 'refusal'}-${record.registrationNumber}.pdf`,
        mimeType: 'application/pdf',
        sha256: sha256Hex(pdf),
        contentBase64: Buffer.from(pdf).toString('base64'),
      },
      cmsBase64: Buffer.from(cms).toString('base64'),
    });
    await this.deps.store.saveResult(result);
    return result;
  }

  private async verifyAttachmentSignatures(attachments: SubmissionCommit['attachments'], signerIin: string | null): Promise<void> {
    const verify = this.deps.verifyAttachmentSignature;
    if (!verify) return;
    for (const attachment of attachments) {
      if (!attachment.cmsBase64) throw problem(422, problemTypes.signatureInvalid, 'Attachment is not signed', attachment.fileName);
      const verdict = await verify(new Uint8Array(Buffer.from(attachment.cmsBase64, 'base64')), await this.deps.blobs.read(attachment.sha256));
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

/** The sandbox knows the catalog bundled with this build; a request for anything else cannot be processed. */
function catalogEntry(facts: RequestFacts): { service: Service; kind: RequestKind } {
  const service = findService(bundledCatalog, facts.serviceId);
  const kind = findKind(bundledCatalog, facts.serviceId, facts.kindId);
  if (!service || !kind) throw problem(422, problemTypes.signedXmlInvalid, 'Unknown service or request kind', `${facts.serviceId} / ${facts.kindId} is not in catalog ${bundledCatalog.version}`);
  return { service, kind };
}

const registeredText = (registrationNumber: string) => `Өтініш тіркелді, № ${registrationNumber}`;

/** KZ-EL-2026-000123 → KZ-LIC-2026-000123: one license per registered request, so numbers never collide. */
const licenseNumberOf = (registrationNumber: string) => registrationNumber.replace(/^KZ-EL-/, 'KZ-LIC-');

function parseBody(rawBody: Buffer): SubmissionCommit {
  const parsed = submissionCommitSchema.safeParse(parseJsonBody(rawBody));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw problem(400, problemTypes.malformedRequest, 'Body does not match the submission schema', detail.join('; '));
  }
  return parsed.data;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function statusHtml(title: string, facts: [string, string][]): string {
  const rows = facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('');
  return `<!doctype html><html lang="kk"><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><dl>${rows}</dl></html>`;
}
