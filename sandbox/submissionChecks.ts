/**
 * Content checks on a schema-valid commit, before anything is stored: every referenced blob was uploaded and has
 * the committed size, and the signed XML lists exactly those attachments, so what was signed is what was sent.
 */
import { createHash } from 'node:crypto';
import type { CommittedAttachment } from '../shared/gateway/gatewayProtocol';
import type { BlobStore } from './blobStore';
import { problem, problemTypes } from './problems';

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export async function verifyBlobsHeld(attachments: readonly CommittedAttachment[], blobs: BlobStore): Promise<void> {
  const sizes = await Promise.all(attachments.map((attachment) => blobs.size(attachment.sha256)));
  const missing = attachments.filter((_, i) => sizes[i] === undefined).map((attachment) => attachment.sha256);
  if (missing.length > 0) {
    throw problem(422, problemTypes.attachmentNotUploaded, 'Attachments not uploaded', `upload ${missing.length} attachment(s) first`, {}, { missing: [...new Set(missing)] });
  }
  for (const [index, attachment] of attachments.entries()) {
    if (sizes[index] !== attachment.size) {
      throw problem(422, problemTypes.attachmentHashMismatch, 'Attachment size does not match the uploaded blob', `attachments[${index}] (${attachment.fileName}) says ${attachment.size} bytes, the blob ${attachment.sha256} has ${sizes[index]}`);
    }
  }
}

export function verifyAttachmentList(listedSha256: readonly string[], attachments: readonly { sha256: string }[]): void {
  const listed = [...listedSha256].sort();
  const sent = attachments.map((a) => a.sha256).sort();
  if (listed.length !== sent.length || listed.some((sha, i) => sha !== sent[i])) {
    throw problem(
      422,
      problemTypes.attachmentListMismatch,
      'Signed XML does not list exactly the attached files',
      `signed XML lists [${listed.join(', ')}], body attaches [${sent.join(', ')}]`,
    );
  }
}
