/**
 * What the sandbox's e-licensing stand-in does with a signed request: check the XMLDSig is the
 * NCALayer/Kalkan enveloped shape over the whole document (eds.md §4A) and that the signer certificate
 * was issued by a pinned trust anchor — never trust a certificate only because it is in KeyInfo
 * (the FCALayer attack, eds.md §3.5).
 *
 * NCALayer's KeyInfo carries the signer certificate alone, so the issuing intermediate (e.g. "ҰКО 3.0")
 * must be among `trustedRootsPem`: every certificate there is a trust anchor, root or intermediate.
 * Validity dates are not checked: without a time-stamp the signing time is not attested, and the host
 * checked validity when it signed.
 *
 * Verification uses Node's native crypto (through xml-crypto and X509Certificate), not node-forge,
 * whose RSA verification has had CVEs (eds.md §5).
 */
import { X509Certificate } from 'node:crypto';
import { DOMParser, onWarningStopParsing, type Document, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

export type RequestSignatureCheck = { ok: true; signerIin: string } | { ok: false; reason: string };

const fail = (reason: string): RequestSignatureCheck => ({ ok: false, reason });

/** The single DSIG child element of `parent` named `localName`, or null when absent or repeated. */
function only(parent: Element, localName: string): Element | null {
  const found = parent.getElementsByTagNameNS(DSIG_NS, localName);
  return found.length === 1 ? found.item(0) : null;
}

function issuedByAnchor(signer: X509Certificate, anchors: X509Certificate[]): boolean {
  return anchors.some((anchor) => anchor.ca && signer.checkIssued(anchor) && signer.verify(anchor.publicKey));
}

export function verifyRequestSignature(signedXml: string, trustedRootsPem: string[]): RequestSignatureCheck {
  let document: Document;
  try {
    document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(signedXml, 'text/xml');
  } catch {
    return fail('not well-formed XML');
  }
  const root = document.documentElement;
  if (!root) return fail('no root element');

  // Signature wrapping guard: one signature, enveloped directly in the root, referencing the whole
  // document (URI=""), so what was verified is exactly what the sandbox goes on to read.
  const signatures = document.getElementsByTagNameNS(DSIG_NS, 'Signature');
  const signature = signatures.length === 1 ? signatures.item(0) : null;
  if (!signature) return fail('expected exactly one ds:Signature');
  if (signature.parentNode !== root) return fail('ds:Signature is not a child of the root element');
  const reference = only(signature, 'Reference');
  if (reference?.getAttribute('URI') !== '') return fail('expected one ds:Reference with URI=""');
  if (only(signature, 'SignatureMethod')?.getAttribute('Algorithm') !== RSA_SHA256) return fail('signature method is not rsa-sha256');
  if (only(reference, 'DigestMethod')?.getAttribute('Algorithm') !== SHA256) return fail('digest method is not sha256');

  const certificateText = only(signature, 'X509Certificate')?.textContent;
  if (!certificateText) return fail('expected one ds:X509Certificate in KeyInfo');
  let signer: X509Certificate;
  let anchors: X509Certificate[];
  try {
    signer = new X509Certificate(Buffer.from(certificateText.replace(/\s+/g, ''), 'base64'));
    anchors = trustedRootsPem.map((pem) => new X509Certificate(pem));
  } catch {
    return fail('unreadable certificate');
  }
  if (!issuedByAnchor(signer, anchors)) return fail('signer certificate is not issued by a trusted CA');

  const verifier = new SignedXml({ publicCert: signer.toString(), getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signature.toString());
    if (!verifier.checkSignature(signedXml)) return fail('signature does not verify');
  } catch (error) {
    return fail(`signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }

  // Node prints one attribute per line; SERIALNUMBER holds "IIN" + 12 digits (eds.md §3.1).
  const iin = /^serialNumber=IIN(\d{12})$/m.exec(signer.subject)?.[1];
  return iin ? { ok: true, signerIin: iin } : fail('signer certificate has no IIN');
}
