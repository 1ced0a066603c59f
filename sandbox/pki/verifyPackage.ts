/**
 * Verifies a whole request package as a receiver would: the request XML's signature, that it lists exactly the
 * attachments sent, each attachment's bytes against its digest, and each attachment's CMS (with its timestamp).
 */
import { createHash } from 'node:crypto';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { z } from 'zod';

/** A self-contained signed package (the signed XML with every attachment's bytes): what `npm run verify` checks. */
export const signedPackageSchema = z.object({
  signedXml: z.string().min(1),
  attachments: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      fileName: z.string().min(1).max(255),
      mimeType: z.string().min(1).max(127),
      contentBase64: z.string(),
      cmsBase64: z.string().optional(),
    }),
  ),
});
export type SignedPackage = z.infer<typeof signedPackageSchema>;
import { REQUEST_XML_NAMESPACE } from '../../shared/request/requestDocument';
import { createAttachmentVerifier } from './attachmentVerifier';
import { verifyRequestSignature } from './verifyRequestSignature';

export interface PackageCheck {
  part: string;
  ok: boolean;
  detail: string;
}

function listedDigests(signedXml: string): string[] {
  const document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(signedXml, 'text/xml');
  const elements = document.getElementsByTagNameNS(REQUEST_XML_NAMESPACE, 'attachment');
  return Array.from({ length: elements.length }, (_, i) => elements.item(i)?.getAttribute('sha256') ?? '');
}

export async function verifyPackage(body: SignedPackage, trustedCertificatesPem: string[]): Promise<PackageCheck[]> {
  const checks: PackageCheck[] = [];
  const xml = verifyRequestSignature(body.signedXml, trustedCertificatesPem);
  checks.push({ part: 'request.xml', ok: xml.ok, detail: xml.ok ? `signed by IIN ${xml.signerIin}` : xml.reason });

  let listed: string[] = [];
  try {
    listed = listedDigests(body.signedXml);
  } catch {
    checks.push({ part: 'request.xml', ok: false, detail: 'not well-formed XML' });
  }
  const sent = body.attachments.map((attachment) => attachment.sha256);
  const sameList = listed.length === sent.length && listed.every((sha256) => sent.includes(sha256));
  checks.push({ part: 'attachment list', ok: sameList, detail: sameList ? `${sent.length} attachment(s), as signed` : 'the signed request lists other attachments' });

  const verifyCms = createAttachmentVerifier(trustedCertificatesPem);
  for (const attachment of body.attachments) {
    const digest = createHash('sha256').update(Buffer.from(attachment.contentBase64, 'base64')).digest('hex');
    if (digest !== attachment.sha256) {
      checks.push({ part: attachment.fileName, ok: false, detail: 'the bytes do not match the signed digest' });
      continue;
    }
    if (!attachment.cmsBase64) {
      checks.push({ part: attachment.fileName, ok: false, detail: 'no CMS signature' });
      continue;
    }
    const verdict = await verifyCms(new Uint8Array(Buffer.from(attachment.cmsBase64, 'base64')), attachment.sha256);
    checks.push({ part: attachment.fileName, ok: verdict.ok, detail: verdict.ok ? `CMS by IIN ${verdict.signerIin}${verdict.timestamp ? `, time-stamped ${verdict.timestamp.toISOString()}` : ', no timestamp'}` : verdict.reason });
  }
  return checks;
}
