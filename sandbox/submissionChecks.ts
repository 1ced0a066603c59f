/**
 * Content checks on a schema-valid submission body, before anything is stored: every attachment's bytes
 * hash to its declared sha256, and the signed XML lists exactly those attachments, so what was signed
 * is what was sent.
 */
import { createHash } from 'node:crypto';
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import type { GatewayAttachment } from '../shared/gateway/gatewayProtocol';
import { REQUEST_XML_NAMESPACE } from '../shared/request/requestDocument';
import { problem, problemTypes } from './problems';

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Returns the decoded bytes by sha256, ready to store. */
export function decodeVerifiedAttachments(attachments: readonly GatewayAttachment[]): Map<string, Uint8Array> {
  const bytesBySha = new Map<string, Uint8Array>();
  for (const [index, attachment] of attachments.entries()) {
    const bytes = Buffer.from(attachment.contentBase64, 'base64');
    const actual = sha256Hex(bytes);
    if (actual !== attachment.sha256) {
      throw problem(
        422,
        problemTypes.attachmentHashMismatch,
        'Attachment content does not match its sha256',
        `attachments[${index}] (${attachment.fileName}) declares ${attachment.sha256} but its content hashes to ${actual}`,
      );
    }
    bytesBySha.set(actual, bytes);
  }
  return bytesBySha;
}

export function verifyAttachmentList(signedXml: string, attachments: readonly GatewayAttachment[]): void {
  const listed = attachmentHashesInXml(signedXml).sort();
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

function attachmentHashesInXml(signedXml: string): string[] {
  let elements;
  try {
    const document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(signedXml, 'text/xml');
    elements = document.getElementsByTagNameNS(REQUEST_XML_NAMESPACE, 'attachment');
  } catch (error) {
    throw problem(422, problemTypes.signedXmlInvalid, 'Signed XML is not well-formed', (error as Error).message);
  }
  return Array.from(elements, (element) => (element.getAttribute('sha256') ?? '').toLowerCase());
}
