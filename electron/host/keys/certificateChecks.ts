/**
 * Whether the certificate of a key may sign a request for the logged-in operator (eds.md "Recommendations" §1):
 * the shared signer evaluation (validity at the moment, SIGN not AUTH, chain to a pinned NCA certificate,
 * revocation from the profile's CRLs) that every verifier of ours applies too, then what only the sign dialog asks:
 * an employee's key (the operator signs for the service centre) and the operator's own IIN. The order is fixed so
 * the operator hears the most specific reason first; each refusal has its own code.
 */
import { certificatePem } from '../../../shared/pki/pem';
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { HostError, type HostErrorCode } from '../../../shared/host/hostError';
import { evaluateSignerCertificate, type RevocationStatus, type SignerEvaluation, type SignerFacts, type SignerProblem } from '../../../shared/pki/signerCertificate';
import type { Signer, SigningPolicy } from './keyStore';

// Node's WebCrypto is the standard API the shared PKI code is typed against (DOM types).
const crypto = webcrypto as unknown as SignerEvaluation['crypto'];

const OID_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
/** NCA's user roles: the legal-entity branch (an organisation's employee) and the individual one (eds.md §3.2). */
const LEGAL_ENTITY_ROLES = '1.2.398.3.3.4.1.2';
const INDIVIDUAL_ROLE = '1.2.398.3.3.4.1.1';

export const PROBLEM_CODES: Record<SignerProblem, HostErrorCode> = {
  notYetValid: 'keys.notYetValid',
  expired: 'keys.expired',
  authKey: 'keys.notSigningKey',
  untrustedChain: 'keys.untrustedChain',
  revoked: 'keys.revoked',
  revocationUnknown: 'keys.crlMissing',
  unsupportedAlgorithm: 'keys.unsupportedAlgorithm',
};

const inBranch = (oid: string, branch: string) => oid === branch || oid.startsWith(`${branch}.`);

/**
 * An operator signs as an employee of the service centre: emailProtection plus a role from the legal-entity branch.
 * The NCA test profile also takes a personal signing key (the individual branch): NCA's one valid GOST 2015 test key
 * is an individual's, and the test CEO key is revoked, so otherwise no real test key could sign end to end.
 */
export function fitsOperatorRole(signer: SignerFacts, policy: Pick<SigningPolicy, 'trust'>): boolean {
  const usages = signer.extendedKeyUsages;
  if (!usages.includes(OID_EMAIL_PROTECTION)) return false;
  const personalAccepted = policy.trust.profile === 'ncaTest';
  return usages.some((oid) => inBranch(oid, LEGAL_ENTITY_ROLES) || (personalAccepted && inBranch(oid, INDIVIDUAL_ROLE)));
}

export function signerOf(facts: SignerFacts): Signer {
  return { iin: facts.iin ?? '', commonName: facts.commonName, serialNumber: facts.serialNumberHex, notAfter: facts.notAfter.toISOString() };
}

/** A CRL of the profile that was current at the moment and cleared the certificate answers revocation by itself. */
const clearedByCurrentCrl = (revocation: RevocationStatus, crls: SigningPolicy['trust']['crls'], at: Date) =>
  revocation.status === 'good' &&
  crls.some((crl) => crl.thisUpdate.value.getTime() === revocation.crlThisUpdate.getTime() && (!crl.nextUpdate || at <= crl.nextUpdate.value));

/**
 * Throws HostError('keys.*') unless the certificate (DER) may sign for the policy; returns who signs. `bundled` are
 * the other certificates of the key file: usable links of the chain, never trusted by themselves.
 */
export async function checkSigningCertificate(leafDer: Uint8Array, bundled: readonly pkijs.Certificate[], policy: SigningPolicy): Promise<Signer> {
  let leaf: pkijs.Certificate;
  try {
    leaf = pkijs.Certificate.fromBER(new Uint8Array(leafDer));
  } catch {
    throw new HostError('keys.unreadable', 'signer certificate');
  }
  const verdict = await evaluateSignerCertificate(leaf, { anchors: policy.trust.anchors, bundled, crls: policy.trust.crls, at: policy.at, crypto });
  if (!verdict.ok) {
    // An untrusted chain while the profile lacks NCA certificates is the workstation's gap, not the key's fault.
    if (verdict.problem === 'untrustedChain' && policy.trust.report.missing.length > 0) {
      throw new HostError('keys.trustIncomplete', policy.trust.report.missing.join(', '));
    }
    throw new HostError(PROBLEM_CODES[verdict.problem], verdict.detail);
  }
  if (!fitsOperatorRole(verdict.signer, policy)) throw new HostError('keys.wrongRole');
  if (verdict.signer.iin !== policy.expectedIin) throw new HostError('keys.iinMismatch');
  if (!clearedByCurrentCrl(verdict.revocation, policy.trust.crls, policy.at)) await policy.checkRevocation(certificatePem(leafDer));
  return signerOf(verdict.signer);
}
