/**
 * What a receiver concludes about a signer's certificate at one moment (the signing time, or "now" in the sign
 * dialog): does it chain to a pinned NCA certificate, was it valid then, is it a signing (not an AUTH) key, was it
 * revoked by then. One evaluation for the sign dialog, the sandbox's receipt checks, result checks and `npm run
 * verify`, so they refuse the same certificates with the same reasons.
 */
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { certificateSignedBy, crlSignedBy, keyAlgorithmOf, UnsupportedAlgorithmError, type KeyAlgorithm } from './signatureAlgorithms';

export type SignerProblem = 'notYetValid' | 'expired' | 'untrustedChain' | 'authKey' | 'revoked' | 'revocationUnknown' | 'unsupportedAlgorithm';

export interface SignerFacts {
  commonName: string;
  /** From SERIALNUMBER "IIN…"; null for organisation or system certificates. */
  iin: string | null;
  /** From OU "BIN…" (legal entities' employees). */
  bin: string | null;
  organization: string | null;
  serialNumberHex: string;
  keyAlgorithm: KeyAlgorithm | null;
  role: 'sign' | 'auth';
  extendedKeyUsages: string[];
  notBefore: Date;
  notAfter: Date;
}

export type RevocationStatus =
  | { status: 'good'; crlThisUpdate: Date }
  | { status: 'revoked'; revokedAt: Date }
  | { status: 'notChecked' };

export type SignerVerdict =
  | { ok: true; signer: SignerFacts; chain: pkijs.Certificate[]; revocation: RevocationStatus }
  | { ok: false; problem: SignerProblem; detail: string; signer: SignerFacts; revocation?: RevocationStatus };

export interface SignerEvaluation {
  /** Pinned certificates, roots and intermediates alike: NCA key files and KeyInfo carry only the leaf. */
  anchors: readonly pkijs.Certificate[];
  /** Other certificates that came with the signature or key file: usable links, never trusted by themselves. */
  bundled?: readonly pkijs.Certificate[];
  /** CRLs to consult (full and delta); each is used only if a certificate of the chain signed it. */
  crls?: readonly pkijs.CertificateRevocationList[];
  /** Refuse with revocationUnknown when no CRL covers the signer's issuer (the sign dialog); a verifier may not. */
  requireRevocation?: boolean;
  /**
   * 'timeStamping' for a time-stamp authority's certificate: it signs tokens, not documents, so it is no SIGN key; the
   * caller has checked its timeStamping extended key usage. Default 'signing'.
   */
  purpose?: 'signing' | 'timeStamping';
  at: Date;
  crypto: Crypto;
}

const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
} as const;
/** NCA chains are root → intermediate → leaf; the bound only stops a crafted loop of cross-issued certificates. */
const MAX_CHAIN_LENGTH = 5;

export function subjectText(certificate: pkijs.Certificate, type: string): string | null {
  const value = certificate.subject.typesAndValues.find((entry) => entry.type === type)?.value as { valueBlock?: { value?: unknown } } | undefined;
  return typeof value?.valueBlock?.value === 'string' ? value.valueBlock.value : null;
}

function extension(certificate: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return certificate.extensions?.find((candidate) => candidate.extnID === oid);
}

export function extendedKeyUsagesOf(certificate: pkijs.Certificate): string[] {
  return (extension(certificate, OID.extKeyUsage)?.parsedValue as { keyPurposes?: string[] } | undefined)?.keyPurposes ?? [];
}

/** KeyUsage bits in X.509 order: bit 0 digitalSignature, 1 nonRepudiation, 2 keyEncipherment… */
function keyUsageBits(certificate: pkijs.Certificate): { digitalSignature: boolean; nonRepudiation: boolean } {
  const bits = extension(certificate, OID.keyUsage)?.parsedValue as asn1js.BitString | undefined;
  const first = bits ? (new Uint8Array(bits.valueBlock.valueHexView)[0] ?? 0) : 0;
  return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
}

/**
 * NCA's SIGN keys carry digitalSignature + nonRepudiation and emailProtection; AUTH keys lack nonRepudiation and carry
 * clientAuth (eds.md §3.2). A key that is not clearly a signing key counts as AUTH: it must not sign requests.
 */
function roleOf(certificate: pkijs.Certificate): 'sign' | 'auth' {
  const usage = keyUsageBits(certificate);
  const purposes = extendedKeyUsagesOf(certificate);
  const signing = usage.digitalSignature && usage.nonRepudiation && (purposes.length === 0 || purposes.includes(OID.emailProtection));
  return signing ? 'sign' : 'auth';
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

export function signerFacts(certificate: pkijs.Certificate): SignerFacts {
  const serial = subjectText(certificate, OID.serialNumber) ?? '';
  const unit = subjectText(certificate, OID.organizationalUnit) ?? '';
  return {
    commonName: subjectText(certificate, OID.commonName) ?? '',
    iin: /^IIN(\d{12})$/.exec(serial)?.[1] ?? null,
    bin: /^BIN(\d{12})$/.exec(unit)?.[1] ?? null,
    organization: subjectText(certificate, OID.organization),
    serialNumberHex: hex(certificate.serialNumber.valueBlock.valueHexView),
    keyAlgorithm: keyAlgorithmOf(certificate.subjectPublicKeyInfo),
    role: roleOf(certificate),
    extendedKeyUsages: extendedKeyUsagesOf(certificate),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
  };
}

const validAt = (certificate: pkijs.Certificate, at: Date) => certificate.notBefore.value <= at && at <= certificate.notAfter.value;

function isCa(certificate: pkijs.Certificate): boolean {
  return (extension(certificate, OID.basicConstraints)?.parsedValue as { cA?: boolean } | undefined)?.cA === true;
}

async function issues(issuer: pkijs.Certificate, child: pkijs.Certificate, at: Date, crypto: Crypto): Promise<boolean> {
  if (!isCa(issuer) || !validAt(issuer, at) || !child.issuer.isEqual(issuer.subject)) return false;
  return certificateSignedBy(child, issuer, crypto);
}

/**
 * Walks from the leaf through bundled certificates until a pinned one signs. Requiring CA issuers matters: a key file
 * could carry a genuine NCA leaf as the "issuer" of a self-made one. Returns leaf … last link before the anchor, anchor.
 */
async function chainToAnchor(leaf: pkijs.Certificate, evaluation: SignerEvaluation): Promise<pkijs.Certificate[] | null> {
  const chain = [leaf];
  let current = leaf;
  for (let length = 1; length <= MAX_CHAIN_LENGTH; length += 1) {
    for (const anchor of evaluation.anchors) {
      if (await issues(anchor, current, evaluation.at, evaluation.crypto)) return [...chain, anchor];
    }
    let next: pkijs.Certificate | undefined;
    for (const candidate of evaluation.bundled ?? []) {
      if (candidate !== current && !chain.includes(candidate) && (await issues(candidate, current, evaluation.at, evaluation.crypto))) {
        next = candidate;
        break;
      }
    }
    if (!next) return null;
    chain.push(next);
    current = next;
  }
  return null;
}

/** The revocation status of `certificate` at `at` from the CRLs its issuer signed (full and delta alike). */
async function revocationOf(certificate: pkijs.Certificate, issuer: pkijs.Certificate, evaluation: SignerEvaluation): Promise<RevocationStatus> {
  let newest: Date | null = null;
  for (const crl of evaluation.crls ?? []) {
    if (!(await crlSignedBy(crl, issuer, evaluation.crypto).catch(() => false))) continue;
    const entry = crl.revokedCertificates?.find((revoked) => revoked.userCertificate.isEqual(certificate.serialNumber));
    // A certificate revoked after the moment in question still made a valid signature at that moment.
    if (entry && entry.revocationDate.value <= evaluation.at) return { status: 'revoked', revokedAt: entry.revocationDate.value };
    if (!newest || crl.thisUpdate.value > newest) newest = crl.thisUpdate.value;
  }
  return newest ? { status: 'good', crlThisUpdate: newest } : { status: 'notChecked' };
}

const refuse = (problem: SignerProblem, detail: string, signer: SignerFacts, revocation?: RevocationStatus): SignerVerdict => ({
  ok: false,
  problem,
  detail,
  signer,
  ...(revocation ? { revocation } : {}),
});

/** Evaluates the signer certificate; the order is fixed so the most specific reason is told first. */
export async function evaluateSignerCertificate(leaf: pkijs.Certificate, evaluation: SignerEvaluation): Promise<SignerVerdict> {
  const signer = signerFacts(leaf);
  if (!signer.keyAlgorithm) return refuse('unsupportedAlgorithm', `key algorithm ${leaf.subjectPublicKeyInfo.algorithm.algorithmId}`, signer);
  if (evaluation.at < signer.notBefore) return refuse('notYetValid', `valid from ${signer.notBefore.toISOString()}`, signer);
  if (evaluation.at > signer.notAfter) return refuse('expired', `valid until ${signer.notAfter.toISOString()}`, signer);
  if (signer.role === 'auth' && evaluation.purpose !== 'timeStamping') return refuse('authKey', 'an authentication (AUTH) key, not a signing key', signer);
  let chain: pkijs.Certificate[] | null;
  try {
    chain = await chainToAnchor(leaf, evaluation);
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) return refuse('unsupportedAlgorithm', error.message, signer);
    throw error;
  }
  if (!chain) return refuse('untrustedChain', 'not issued by a trusted NCA certificate', signer);
  const revocation = await revocationOf(leaf, chain[1]!, evaluation);
  if (revocation.status === 'revoked') return refuse('revoked', `revoked on ${revocation.revokedAt.toISOString()}`, signer, revocation);
  if (revocation.status === 'notChecked' && evaluation.requireRevocation) return refuse('revocationUnknown', 'no CRL of the issuer', signer, revocation);
  return { ok: true, signer, chain, revocation };
}
