/**
 * The refusals a signature verifier (XMLDSig, CMS, time-stamp token) can give, each its own code and sentence, and the
 * signer-certificate step they share: evaluateSignerCertificate at the moment the signature is attested for.
 * The sentences are for logs, the sandbox's problem details and `npm run verify`; the UI maps the codes.
 */
import type * as pkijs from 'pkijs';
import { evaluateSignerCertificate, type RevocationStatus, type SignerFacts, type SignerProblem } from './signerCertificate';

export type SignatureProblem =
  | SignerProblem
  /** Not a signature of the expected shape (malformed, several signers, a partial XML reference…). */
  | 'malformed'
  /** The signature value does not verify with the signer certificate's key. */
  | 'badSignature'
  /** The signed content is not the one given (digest mismatch). */
  | 'contentMismatch'
  /** A detached signature, and no content (or no digest under its algorithm) to check it against. */
  | 'contentMissing'
  | 'certificateMissing'
  /** signing-certificate(-v2) names another certificate than the one that verifies. */
  | 'certificateBinding'
  /** The time-stamp token does not verify or is not for this signature. */
  | 'timestamp';

export type SignatureRefusal = { ok: false; problem: SignatureProblem; reason: string };

export const refusal = (problem: SignatureProblem, reason: string): SignatureRefusal => ({ ok: false, problem, reason });

const iso = (at: Date) => at.toISOString();

function signerProblemText(problem: SignerProblem, detail: string, at: Date): string {
  switch (problem) {
    case 'notYetValid':
      return `the signer certificate was not yet valid at ${iso(at)} (${detail})`;
    case 'expired':
      return `the signer certificate was no longer valid at ${iso(at)} (${detail})`;
    case 'untrustedChain':
      return 'signer certificate is not issued by a trusted CA';
    case 'authKey':
      return 'the signer key is an authentication (AUTH) key, not a signing key';
    case 'revoked':
      return `the signer certificate was revoked at ${iso(at)} (${detail})`;
    case 'revocationUnknown':
      return 'no CRL of the signer certificate issuer is at hand';
    case 'unsupportedAlgorithm':
      return `unsupported algorithm (${detail})`;
  }
}

export type SignerAccepted = { ok: true; signer: SignerFacts; revocation: RevocationStatus };

/** evaluateSignerCertificate with each refusal in words. `purpose: 'timeStamping'` is for a TSA's certificate. */
export async function acceptSigner(
  certificate: pkijs.Certificate,
  options: { anchors: readonly pkijs.Certificate[]; bundled?: readonly pkijs.Certificate[]; crls?: readonly pkijs.CertificateRevocationList[]; at: Date; crypto: Crypto; purpose?: 'signing' | 'timeStamping' },
): Promise<SignerAccepted | SignatureRefusal> {
  const verdict = await evaluateSignerCertificate(certificate, options);
  if (!verdict.ok) return refusal(verdict.problem, signerProblemText(verdict.problem, verdict.detail, options.at));
  return { ok: true, signer: verdict.signer, revocation: verdict.revocation };
}
