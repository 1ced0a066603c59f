/**
 * Fixes each attachment's CMS before the first delivery attempt: stamped with trusted time when the TSA answers,
 * as signed when it refuses; while it cannot be reached nothing is fixed and the attempt waits (TsaUnreachable). The result is kept on disk, so every retry sends byte-identical bodies (the gateway's
 * idempotency compares them) and a restart does not ask for a second, different stamp. The kept file names the
 * applicant's attachments, so it is sealed under the data key like the documents themselves.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { attachTimestampToken, buildTimeStampRequest, hasTimestamp } from '../../../shared/pki/timestamps';
import { writeFileAtomically } from '../storage/atomicFile';
import { openIfSealed, type FileSealer } from '../vault/vault';
import { TsaUnreachable, type OutgoingAttachment } from './gatewayTransport';

// Node's WebCrypto is the standard API the shared PKI code is typed against.
const crypto = webcrypto as unknown as Parameters<typeof buildTimeStampRequest>[1];

export interface AttachmentSealer {
  seal(submissionId: string, attachments: OutgoingAttachment[]): Promise<OutgoingAttachment[]>;
}

export function createAttachmentSealer(options: { folder: string; atRest: FileSealer; timestamp(requestDer: Uint8Array): Promise<Uint8Array>; onStampFailed?: (error: unknown) => void }): AttachmentSealer {
  async function stamped(cmsBase64: string): Promise<string> {
    const cms = new Uint8Array(Buffer.from(cmsBase64, 'base64'));
    if (hasTimestamp(cms)) return cmsBase64;
    try {
      const answer = await options.timestamp(await buildTimeStampRequest(cms, crypto));
      return Buffer.from(await attachTimestampToken(cms, answer, crypto)).toString('base64');
    } catch (error) {
      // Unreachable: nothing is fixed yet, the next attempt asks again. Refused or broken: send as signed.
      if (error instanceof TsaUnreachable) throw error;
      options.onStampFailed?.(error);
      return cmsBase64;
    }
  }

  return {
    async seal(submissionId, attachments) {
      const file = join(options.folder, `${submissionId}.json`);
      const label = `outgoing/${submissionId}`;
      const kept = await readFile(file).catch(() => null);
      // Files kept before encryption came are plaintext JSON; they are read as they are and go with their submission.
      if (kept !== null) return JSON.parse(openIfSealed(options.atRest, kept, label).toString('utf8')) as OutgoingAttachment[];
      const sealed = await Promise.all(attachments.map(async (attachment) => (attachment.cmsBase64 ? { ...attachment, cmsBase64: await stamped(attachment.cmsBase64) } : attachment)));
      await writeFileAtomically(file, options.atRest.seal(Buffer.from(JSON.stringify(sealed)), label));
      return sealed;
    },
  };
}
