/**
 * Transport to the e-licensing gateway (our protocol, spoken by the sandbox; the national system is reached
 * through an adapter with this same port). It turns every HTTP answer into a DeliveryOutcome so the sync
 * engine decides on classes, never on status codes.
 */
import type { DeliveryOutcome } from '../../../shared/host/hostApi';
import { problemSchema, submissionPath, submissionStatusSchema, type SubmissionBody } from '../../../shared/gateway/gatewayProtocol';
import type { DocumentStore } from '../storage/documentStore';

export interface OutgoingAttachment {
  sha256: string;
  fileName: string;
  mimeType: string;
  cmsBase64?: string;
}

export interface OutgoingSubmission {
  submissionId: string;
  signedXml: string;
  attachments: OutgoingAttachment[];
}

export interface GatewayTransport {
  probe(): Promise<boolean>;
  /** The issuing CA's current revocation list, as the gateway relays it (throws when it cannot be had). */
  fetchCrl(): Promise<Uint8Array>;
  /** An RFC 3161 answer from the time-stamping authority the gateway relays (throws when there is none). */
  timestamp(timeStampReqDer: Uint8Array): Promise<Uint8Array>;
  deliver(submission: OutgoingSubmission): Promise<DeliveryOutcome>;
}

/** No answer at all from the TSA (as opposed to a refusal): try again later rather than send without trusted time. */
export class TsaUnreachable extends Error {
  override name = 'TsaUnreachable';
}

const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const IN_FLIGHT_RETRY_MS = 2_000;

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function problemText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const problem = problemSchema.parse(JSON.parse(text));
    return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
  } catch {
    return text.slice(0, 500) || `HTTP ${response.status}`;
  }
}

export async function classifyResponse(response: Response): Promise<DeliveryOutcome> {
  const { status } = response;
  if (status === 200 || status === 201) {
    const text = await response.text();
    try {
      const body = submissionStatusSchema.parse(JSON.parse(text));
      return { kind: 'accepted', registrationNumber: body.registrationNumber, status: body.status };
    } catch {
      // We cannot know whether it was taken; the commit is idempotent, so asking again is safe.
      return { kind: 'transient', httpStatus: status, detail: `unreadable gateway answer: ${text.slice(0, 200)}` };
    }
  }
  if (status === 409) return { kind: 'transient', httpStatus: status, retryAfterMs: IN_FLIGHT_RETRY_MS, detail: await problemText(response) };
  if (TRANSIENT_STATUSES.has(status)) {
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    return { kind: 'transient', httpStatus: status, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }), detail: await problemText(response) };
  }
  return { kind: 'permanent', httpStatus: status, detail: await problemText(response) };
}

export function createHttpGatewayTransport(options: { baseUrl: string; documents: DocumentStore; timeoutMs?: number }): GatewayTransport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = (path: string) => new URL(path, options.baseUrl).toString();
  return {
    async probe() {
      try {
        const response = await fetch(url('/health'), { signal: AbortSignal.timeout(5_000) });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    },
    async fetchCrl() {
      const response = await fetch(url('/v0/crl'), { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`CRL: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async timestamp(requestDer) {
      let response: Response;
      try {
        response = await fetch(url('/v0/tsa'), {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query' },
          body: requestDer,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new TsaUnreachable(error instanceof Error ? error.message : String(error));
      }
      if (!response.ok) throw new Error(`TSA: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async deliver(submission) {
      const attachments = await Promise.all(
        submission.attachments.map(async (attachment) => ({
          ...attachment,
          contentBase64: Buffer.from(await options.documents.get(attachment.sha256)).toString('base64'),
        })),
      );
      const body: SubmissionBody = { signedXml: submission.signedXml, attachments };
      let response: Response;
      try {
        response = await fetch(url(submissionPath(submission.submissionId)), {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'idempotency-key': submission.submissionId },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
      }
      return classifyResponse(response);
    },
  };
}
