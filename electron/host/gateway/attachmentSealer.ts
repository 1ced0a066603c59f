/**
 * Fixes each attachment's CMS before the first delivery attempt: stamped with trusted time when the TSA answers,
 * as signed when it refuses; while it cannot be reached nothing is fixed and the attempt waits (TsaUnreachable). The result is kept on disk, so every retry sends byte-identical bodies (the gateway's
 * idempotency compares them) and a restart does not ask for a second, different stamp. The kept file names the
 * applicant's attachments, so it is sealed under the data key like the documents themselves. It also records what it
 * was made from: a stopped request corrected and re-signed before it ever reached the gateway goes under the same id
 * with new signatures, and those are sealed afresh instead of sending the old ones.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, webcrypto } from 'node:crypto';
import { attachTimestampToken, buildTimeStampRequest, hasTimestamp } from '../../../shared/pki/timestamps';
import { writeFileAtomically } from '../storage/atomicFile';
import { openIfSealed, type FileSealer } from '../vault/vault';
import { TsaUnreachable, type OutgoingAttachment } from './gatewayTransport';

// Node's WebCrypto is the standard API the shared PKI code is typed against.
const crypto = webcrypto as unknown as Parameters<typeof buildTimeStampRequest>[1];

/** The sealed attachments, and the SHA-256 of the attachments as asked (signatures unstamped) they were made from. */
interface Kept {
  madeFrom: string;
  sealed: OutgoingAttachment[];
}

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
      const madeFrom = createHash('sha256').update(JSON.stringify(attachments)).digest('hex');
      const bytes = await readFile(file).catch(() => null);
      // Files kept before encryption came are plaintext JSON; they are read as they are and go with their submission.
      const kept = bytes === null ? null : (JSON.parse(openIfSealed(options.atRest, bytes, label).toString('utf8')) as Kept | OutgoingAttachment[]);
      // A bare list is from before the origin was recorded: it goes as it is, as it always did.
      if (Array.isArray(kept)) return kept;
      if (kept?.madeFrom === madeFrom) return kept.sealed;
      const sealed = await Promise.all(attachments.map(async (attachment) => (attachment.cmsBase64 ? { ...attachment, cmsBase64: await stamped(attachment.cmsBase64) } : attachment)));
      await writeFileAtomically(file, options.atRest.seal(Buffer.from(JSON.stringify({ madeFrom, sealed } satisfies Kept)), label));
      return sealed;
    },
  };
}
