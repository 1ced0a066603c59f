/**
 * Checks a result from the gateway before anyone may hand it to an applicant: it is for this submission,
 * the document is the one described, and the provider's detached CMS over it verifies, chains to the pinned
 * roots and was made by a signing key good at its signing time. A result that fails any of this is never stored
 * as the applicant's result.
 */
import { createHash, webcrypto } from 'node:crypto';
import type { SubmissionResult } from '../../../shared/gateway/gatewayProtocol';
import { verifyCms, type CmsVerification } from '../../../shared/pki/detachedCms';

const crypto = webcrypto as unknown as CmsVerification['crypto'];

export type ResultVerdict = { ok: true; document: Uint8Array; signedBy: string } | { ok: false; reason: string };

export async function verifyResult(result: SubmissionResult, expected: { submissionId: string; trustedRootsDer: Uint8Array[]; crlsDer?: readonly Uint8Array[] }): Promise<ResultVerdict> {
  if (result.submissionId.toLowerCase() !== expected.submissionId.toLowerCase()) return { ok: false, reason: `result is for another submission (${result.submissionId})` };
  const document = new Uint8Array(Buffer.from(result.document.contentBase64, 'base64'));
  if (createHash('sha256').update(document).digest('hex') !== result.document.sha256) return { ok: false, reason: 'the document does not match its declared SHA-256' };
  // The document's bytes, not its SHA-256: a GOST provider signs their Streebog-512.
  const verdict = await verifyCms(new Uint8Array(Buffer.from(result.cmsBase64, 'base64')), {
    content: document,
    trustedCertificatesDer: expected.trustedRootsDer,
    ...(expected.crlsDer ? { crlsDer: expected.crlsDer } : {}),
    crypto,
  });
  if (!verdict.ok) return { ok: false, reason: `provider signature: ${verdict.reason}` };
  return { ok: true, document, signedBy: verdict.signer.commonName };
}

/** Every certificate in a PEM text (a trust file may hold a bundle). */
export function certificatesDerOfPem(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new Uint8Array(Buffer.from(block.replace(/-----[^-]+-----|\s/g, ''), 'base64')));
}
