/**
 * Checks that the certificate of a decrypted key may sign a request for the logged-in operator
 * (eds.md "Recommendations" §1: SIGN key not AUTH, NCA chain, operator's IIN, validity). The order is
 * fixed so the operator hears the most specific reason first.
 */
import forge from 'node-forge';
import { HostError } from '../../../shared/host/hostError';
import type { Signer, SigningPolicy } from './keyStore';

type Certificate = forge.pki.Certificate;

const OID_COMMON_NAME = '2.5.4.3';
const OID_SERIAL_NUMBER = '2.5.4.5';
/** NCA chains are root → intermediate → leaf; the bound only stops a crafted loop of cross-issued certs. */
const MAX_CHAIN_LENGTH = 4;

/** forge keeps attribute values as raw bytes; NCA writes names as UTF8String (eds.md §3.1). */
function subjectText(cert: Certificate, oid: string): string | undefined {
  const field = cert.subject.getField({ type: oid }) as forge.pki.CertificateField | null;
  if (typeof field?.value !== 'string') return undefined;
  // @types/node-forge calls valueTagClass an asn1.Class; forge actually stores the universal tag (asn1.Type).
  return (field.valueTagClass as number) === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(field.value) : field.value;
}

/** The IIN from SERIALNUMBER "IIN…"; null for BIN-serial (organisation or system) certificates. */
function iinOf(cert: Certificate): string | null {
  return /^IIN(\d{12})$/.exec(subjectText(cert, OID_SERIAL_NUMBER) ?? '')?.[1] ?? null;
}

export function signerFromCertificate(cert: Certificate): Signer {
  return {
    iin: iinOf(cert) ?? '',
    commonName: subjectText(cert, OID_COMMON_NAME) ?? '',
    serialNumber: cert.serialNumber,
    notAfter: cert.validity.notAfter.toISOString(),
  };
}

const validAt = (cert: Certificate, at: Date): boolean => cert.validity.notBefore <= at && at <= cert.validity.notAfter;

function isCa(cert: Certificate): boolean {
  const constraints = cert.getExtension('basicConstraints') as { cA?: boolean } | null;
  return constraints?.cA === true;
}

/** forge's verify throws when names differ or the algorithm is unknown; either way: not the issuer. */
function issued(issuer: Certificate, child: Certificate, at: Date): boolean {
  if (!isCa(issuer) || !validAt(issuer, at)) return false;
  try {
    return issuer.verify(child);
  } catch {
    return false;
  }
}

/**
 * Walks from the leaf through the key file's other certificates until a pinned anchor signs. Requiring
 * CA issuers matters: a p12 could carry a genuine NCA leaf as the "issuer" of a self-made one.
 */
function chainsToAnchor(leaf: Certificate, bundled: Certificate[], anchors: Certificate[], at: Date): boolean {
  let current = leaf;
  for (let length = 1; length <= MAX_CHAIN_LENGTH; length += 1) {
    if (anchors.some((anchor) => issued(anchor, current, at))) return true;
    const next = bundled.find((candidate) => candidate !== current && issued(candidate, current, at));
    if (!next) return false;
    current = next;
  }
  return false;
}

const OID_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
/** NCA's "legal entity" user branch: an operator signs as an employee of the service centre (eds.md §3.2). */
const OPERATOR_ROLE_BRANCH = '1.2.398.3.3.4.1.2';

/** A signing key of an organisation's employee: emailProtection plus a role OID from the legal-entity branch. */
function fitsOperatorRole(leaf: Certificate): boolean {
  const usages = leaf.getExtension('extKeyUsage') as Record<string, unknown> | null;
  if (!usages) return false;
  const oids = Object.keys(usages).filter((key) => usages[key] === true).map((key) => forge.pki.oids[key] ?? key);
  return oids.includes(OID_EMAIL_PROTECTION) && oids.some((oid) => oid === OPERATOR_ROLE_BRANCH || oid.startsWith(`${OPERATOR_ROLE_BRANCH}.`));
}

/** Whether leaf chains (through `bundled`) to one of the pinned roots at `at`. */
export function chainsToTrustedRoots(leaf: Certificate, bundled: Certificate[], trustedRootsPem: string[], at: Date): boolean {
  // forge reads only RSA certificates; a pinned GOST root cannot have issued an RSA chain, so skip it.
  const anchors = trustedRootsPem.flatMap((pem) => {
    try {
      return [forge.pki.certificateFromPem(pem)];
    } catch {
      return [];
    }
  });
  return chainsToAnchor(leaf, bundled, anchors, at);
}

export function checkSigningCertificate(leaf: Certificate, bundled: Certificate[], policy: SigningPolicy): void {
  if (policy.at < leaf.validity.notBefore) throw new HostError('keys.notYetValid');
  if (policy.at > leaf.validity.notAfter) throw new HostError('keys.expired');

  // A SIGN key has digitalSignature + nonRepudiation; an AUTH key (keyEncipherment) must not sign requests.
  const keyUsage = leaf.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | null;
  if (!keyUsage?.digitalSignature || !keyUsage.nonRepudiation) throw new HostError('keys.notSigningKey');

  if (!chainsToTrustedRoots(leaf, bundled, policy.trustedRootsPem, policy.at)) throw new HostError('keys.untrustedChain');

  if (!fitsOperatorRole(leaf)) throw new HostError('keys.wrongRole');

  if (iinOf(leaf) !== policy.expectedIin) throw new HostError('keys.iinMismatch');
}
