/**
 * Verifying an enveloped XMLDSig as a real receiver does: the NCALayer/Kalkan shape over the whole document
 * (eds.md §4A), RSA-SHA256, GOST 34.10-2015 (pkigovkz URIs) or legacy GOST 34.310-2004, the SignatureValue checked
 * with the certificate's key (shared/pki/signatureAlgorithms), and the signer certificate judged by
 * evaluateSignerCertificate at the moment asked (now by default): chained to a pinned certificate, valid then, a
 * SIGN key, not revoked by then. A certificate is never trusted only because it is in KeyInfo (the FCALayer attack,
 * eds.md §3.5): NCALayer's KeyInfo carries the leaf alone, so intermediates belong among the trusted certificates.
 *
 * xml-crypto dereferences the reference and canonicalises (no hand-made C14N); its signature step only hands over
 * the canonical SignedInfo and the value, which are then checked asynchronously here.
 */
import { webcrypto } from 'node:crypto';
import { DOMParser, onWarningStopParsing, type Document, type Element } from '@xmldom/xmldom';
import * as pkijs from 'pkijs';
import { SignedXml } from 'xml-crypto';
import { certificatesDerOf } from '../../shared/pki/pem';
import { UnsupportedAlgorithmError, keyAlgorithmOf, verifySignatureValue } from '../../shared/pki/signatureAlgorithms';
import type { RevocationStatus, SignerFacts } from '../../shared/pki/signerCertificate';
import { acceptSigner, refusal, type SignatureRefusal } from '../../shared/pki/signatureVerdict';
import { bytesOfBase64, xmlAlgorithmBySignatureMethod, XMLDSIG_SHAPE, xmlHashAlgorithms } from '../../shared/pki/xmldsigAlgorithms';

const crypto = webcrypto as unknown as Parameters<typeof verifySignatureValue>[0]['crypto'];
const DSIG_NS = XMLDSIG_SHAPE.namespace;

export interface XmlVerification {
  /** Pinned certificates, roots and intermediates: PEM texts (bundles too) or DER. */
  trusted: readonly (string | Uint8Array)[];
  /** CRLs (DER) to judge revocation by; each counts only if a certificate of the chain signed it. */
  crls?: readonly Uint8Array[];
  /** The moment the signer certificate must have been good at (an XMLDSig carries no attested time); now by default. */
  at?: Date;
}

export type XmlSignatureCheck = { ok: true; signer: SignerFacts; certificate: pkijs.Certificate; revocation: RevocationStatus } | SignatureRefusal;
export type RequestSignatureCheck = { ok: true; signerIin: string; signer: SignerFacts } | SignatureRefusal;

/** The single DSIG element named `localName` under `parent`, or null when absent or repeated. */
function only(parent: Element, localName: string): Element | null {
  const found = parent.getElementsByTagNameNS(DSIG_NS, localName);
  return found.length === 1 ? found.item(0) : null;
}

export async function verifyXmlSignature(signedXml: string, options: XmlVerification): Promise<XmlSignatureCheck> {
  let document: Document;
  try {
    document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(signedXml, 'text/xml');
  } catch {
    return refusal('malformed', 'not well-formed XML');
  }
  const root = document.documentElement;
  if (!root) return refusal('malformed', 'no root element');

  // Signature wrapping guard: one signature, enveloped directly in the root, referencing the whole
  // document (URI=""), so what was verified is exactly what the receiver goes on to read.
  const signatures = document.getElementsByTagNameNS(DSIG_NS, 'Signature');
  const signature = signatures.length === 1 ? signatures.item(0) : null;
  if (!signature) return refusal('malformed', 'expected exactly one ds:Signature');
  if (signature.parentNode !== root) return refusal('malformed', 'ds:Signature is not a child of the root element');
  const reference = only(signature, 'Reference');
  if (reference?.getAttribute('URI') !== '') return refusal('malformed', 'expected one ds:Reference with URI=""');
  const method = only(signature, 'SignatureMethod')?.getAttribute('Algorithm');
  const algorithm = xmlAlgorithmBySignatureMethod(method);
  if (!algorithm) return refusal('unsupportedAlgorithm', `unsupported signature method ${method ?? '(none)'} (expected rsa-sha256, GOST 2015 or GOST 2004)`);
  const digestMethod = only(reference, 'DigestMethod')?.getAttribute('Algorithm');
  if (digestMethod !== algorithm.digestMethod) return refusal('unsupportedAlgorithm', `digest method ${digestMethod ?? '(none)'} does not go with ${algorithm.signatureMethod}`);

  const certificateText = only(signature, 'X509Certificate')?.textContent;
  if (!certificateText) return refusal('certificateMissing', 'expected one ds:X509Certificate in KeyInfo');
  let certificate: pkijs.Certificate;
  let anchors: pkijs.Certificate[];
  try {
    certificate = pkijs.Certificate.fromBER(bytesOfBase64(certificateText));
    anchors = certificatesDerOf(options.trusted).map((der) => pkijs.Certificate.fromBER(der));
  } catch {
    return refusal('malformed', 'unreadable certificate');
  }
  if (keyAlgorithmOf(certificate.subjectPublicKeyInfo) !== algorithm.keyAlgorithm) return refusal('badSignature', `the signer certificate's key is not for ${algorithm.signatureMethod}`);

  // xml-crypto checks the reference digest and hands the canonical SignedInfo and the value to this algorithm.
  let signedInfo: string | null = null;
  let signatureValue = '';
  const verifier = new SignedXml({ publicCert: certificateText, getCertFromKeyInfo: () => null });
  Object.assign(verifier.HashAlgorithms, xmlHashAlgorithms());
  verifier.SignatureAlgorithms[algorithm.signatureMethod] = class {
    getAlgorithmName() {
      return algorithm.signatureMethod;
    }
    verifySignature(material: string, _key: unknown, value: string) {
      signedInfo = material;
      signatureValue = value;
      return true;
    }
    getSignature(): string {
      throw new Error('verification only');
    }
  } as unknown as (typeof verifier.SignatureAlgorithms)[string];
  try {
    verifier.loadSignature(signature.toString());
    if (!verifier.checkSignature(signedXml) || signedInfo === null) return refusal('contentMismatch', 'the document is not the one that was signed (digest mismatch)');
  } catch (error) {
    return refusal('malformed', `signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const valid = await verifySignatureValue({
      spki: certificate.subjectPublicKeyInfo,
      signatureOid: algorithm.signatureOid,
      signed: new TextEncoder().encode(signedInfo),
      signature: bytesOfBase64(signatureValue),
      crypto,
    });
    if (!valid) return refusal('badSignature', 'signature does not verify');
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) return refusal('unsupportedAlgorithm', error.message);
    return refusal('badSignature', `signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }

  const crls = (options.crls ?? []).map((der) => pkijs.CertificateRevocationList.fromBER(der));
  const accepted = await acceptSigner(certificate, { anchors, crls, at: options.at ?? new Date(), crypto });
  return accepted.ok ? { ok: true, signer: accepted.signer, certificate, revocation: accepted.revocation } : accepted;
}

/** What the sandbox's e-licensing stand-in needs of a request: a good signature by a person with an IIN. */
export async function verifyRequestSignature(signedXml: string, trusted: readonly (string | Uint8Array)[], options: Omit<XmlVerification, 'trusted'> = {}): Promise<RequestSignatureCheck> {
  const check = await verifyXmlSignature(signedXml, { ...options, trusted });
  if (!check.ok) return check;
  // SERIALNUMBER holds "IIN" + 12 digits (eds.md §3.1).
  return check.signer.iin ? { ok: true, signerIin: check.signer.iin, signer: check.signer } : refusal('malformed', 'signer certificate has no IIN');
}
