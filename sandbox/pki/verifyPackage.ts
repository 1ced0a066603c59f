/**
 * Verifies a whole request package as a receiver would: the request XML's signature, that it lists exactly the
 * attachments sent, each attachment's bytes against its digest, and each attachment's CMS (with its timestamp).
 */
import { createHash, webcrypto } from 'node:crypto';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { z } from 'zod';
import { REQUEST_XML_NAMESPACE } from '../../shared/request/requestDocument';
import { verifyCms, type CmsVerdict, type CmsVerification } from '../../shared/pki/detachedCms';
import { certificatesDerOf } from '../../shared/pki/pem';
import { verifyRequestSignature } from './verifyRequestSignature';

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

const crypto = webcrypto as unknown as CmsVerification['crypto'];

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

export interface PackageVerification {
  /** CRLs (DER) to judge the signers' revocation by. */
  crlsDer?: readonly Uint8Array[];
  /** The moment for signatures that attest none (the XML always; a CMS without time-stamp or signing time); now by default. */
  at?: Date;
}

export async function verifyPackage(body: SignedPackage, trusted: readonly (string | Uint8Array)[], options: PackageVerification = {}): Promise<PackageCheck[]> {
  const checks: PackageCheck[] = [];
  const xml = await verifyRequestSignature(body.signedXml, trusted, { ...(options.crlsDer ? { crls: options.crlsDer } : {}), ...(options.at ? { at: options.at } : {}) });
  checks.push({ part: 'request.xml', ok: xml.ok, detail: xml.ok ? `signed by IIN ${xml.signerIin} (${xml.signer.commonName})` : xml.reason });

  let listed: string[] = [];
  try {
    listed = listedDigests(body.signedXml);
  } catch {
    checks.push({ part: 'request.xml', ok: false, detail: 'not well-formed XML' });
  }
  const sent = body.attachments.map((attachment) => attachment.sha256);
  const sameList = listed.length === sent.length && listed.every((sha256) => sent.includes(sha256));
  checks.push({ part: 'attachment list', ok: sameList, detail: sameList ? `${sent.length} attachment(s), as signed` : 'the signed request lists other attachments' });

  const trustedCertificatesDer = certificatesDerOf(trusted);
  for (const attachment of body.attachments) {
    const content = new Uint8Array(Buffer.from(attachment.contentBase64, 'base64'));
    if (createHash('sha256').update(content).digest('hex') !== attachment.sha256) {
      checks.push({ part: attachment.fileName, ok: false, detail: 'the bytes do not match the signed digest' });
      continue;
    }
    if (!attachment.cmsBase64) {
      checks.push({ part: attachment.fileName, ok: false, detail: 'no CMS signature' });
      continue;
    }
    const verdict = await verifyCms(new Uint8Array(Buffer.from(attachment.cmsBase64, 'base64')), { content, trustedCertificatesDer, ...options, crypto });
    checks.push({ part: attachment.fileName, ok: verdict.ok, detail: verdict.ok ? cmsDetail(verdict) : verdict.reason });
  }
  return checks;
}

/** One line about a CMS that verified: who, and at which moment that was judged. */
export function cmsDetail(verdict: Extract<CmsVerdict, { ok: true }>): string {
  const who = verdict.signer.iin ? `IIN ${verdict.signer.iin}` : verdict.signer.commonName;
  const when = verdict.timestamp ? `time-stamped ${verdict.timestamp.time.toISOString()} by ${verdict.timestamp.tsaName}` : verdict.signingTime ? `signing time ${verdict.signingTime.toISOString()}, no timestamp` : 'no timestamp';
  return `CMS by ${who} (${verdict.signer.commonName}), ${when}`;
}
