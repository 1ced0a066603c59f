/**
 * Asking the CA's OCSP responder (RFC 6960) about a signing certificate while the workstation is online: the URL
 * comes from the certificate's AIA, as NCA's certificates name http://test.pki.gov.kz/ocsp/ (or the training CA's).
 * An answer counts only when signed by the issuing CA itself or by a responder certificate that CA issued for OCSP
 * signing, for this very certificate, with our nonce when the responder echoes one, and current; anything else is
 * "unavailable" and the caller falls back to its cached CRLs. Signatures go through the one algorithm dispatch
 * (RSA, GOST 2015, GOST 2004), since WebCrypto, and so PKI.js's own verify, knows no GOST.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateSignedBy, digestByOid, verifySignatureValue } from '../../../shared/pki/signatureAlgorithms';
import { certificateFromPem } from './crlDocument';

export type OcspAnswer =
  | { status: 'good'; thisUpdate: Date }
  | { status: 'revoked'; revokedAt: Date }
  /** The responder does not know the certificate, or no trustworthy answer came: the CRLs decide. */
  | { status: 'unavailable'; reason: string };

export interface OcspChecker {
  check(certificatePem: string): Promise<OcspAnswer>;
}

const OID = {
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocsp: '1.3.6.1.5.5.7.48.1',
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  extKeyUsage: '2.5.29.37',
  sha1: '1.3.14.3.2.26',
} as const;

/** Clock skew allowed between the responder and this workstation. */
const SKEW_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 5_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** The WebCrypto the shared PKI code is typed against (DOM types); Node's is the same API. */
type Crypto = Parameters<typeof verifySignatureValue>[0]['crypto'];
const nodeCrypto = webcrypto as unknown as Crypto;
const arrayBuffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer as ArrayBuffer;
const bytesOf = (block: { valueBlock: { valueHexView: Uint8Array } }) => new Uint8Array(block.valueBlock.valueHexView);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((value, i) => value === b[i]);

class Unavailable extends Error {}

/** The http(s) OCSP URLs of a certificate's AIA extension. */
export function ocspUrlsOf(certificate: pkijs.Certificate): string[] {
  const access = certificate.extensions?.find((extension) => extension.extnID === OID.authorityInfoAccess)?.parsedValue as pkijs.InfoAccess | undefined;
  return (access?.accessDescriptions ?? [])
    .filter((description) => description.accessMethod === OID.ocsp && description.accessLocation.type === 6)
    .map((description) => String(description.accessLocation.value))
    .filter((url) => /^https?:\/\//i.test(url));
}

/** RFC 6960 §4.1.1 CertID with SHA-1, the hash every responder accepts. */
async function certIdOf(certificate: pkijs.Certificate, issuer: pkijs.Certificate, crypto: Crypto): Promise<pkijs.CertID> {
  const [nameHash, keyHash] = await Promise.all([
    digestByOid(OID.sha1, new Uint8Array(issuer.subject.toSchema().toBER(false)), crypto),
    digestByOid(OID.sha1, bytesOf(issuer.subjectPublicKeyInfo.subjectPublicKey), crypto),
  ]);
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: arrayBuffer(nameHash) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: arrayBuffer(keyHash) }),
    serialNumber: certificate.serialNumber,
  });
}

export function buildOcspRequest(certId: pkijs.CertID, nonce: Uint8Array): Uint8Array {
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certId })],
      requestExtensions: [new pkijs.Extension({ extnID: OID.nonce, extnValue: new asn1js.OctetString({ valueHex: arrayBuffer(nonce) }).toBER(false) })],
    }),
  });
  return new Uint8Array(request.toSchema(true).toBER(false));
}

/** The certificate that signed the response: the issuer itself, or a responder the issuer certified for OCSP signing at `at`. */
async function responderOf(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, at: Date, crypto: Crypto): Promise<pkijs.Certificate> {
  const id = basic.tbsResponseData.responderID as pkijs.RelativeDistinguishedNames | asn1js.OctetString;
  const named = async (candidate: pkijs.Certificate) =>
    id instanceof asn1js.OctetString
      ? sameBytes(await digestByOid(OID.sha1, bytesOf(candidate.subjectPublicKeyInfo.subjectPublicKey), crypto), bytesOf(id))
      : id.isEqual(candidate.subject);
  if (await named(issuer)) return issuer;
  for (const candidate of basic.certs ?? []) {
    if (!(await named(candidate))) continue;
    const purposes = (candidate.extensions?.find((extension) => extension.extnID === OID.extKeyUsage)?.parsedValue as { keyPurposes?: string[] } | undefined)?.keyPurposes ?? [];
    const valid = candidate.notBefore.value.getTime() - SKEW_MS <= at.getTime() && at <= candidate.notAfter.value;
    if (purposes.includes(OID.ocspSigning) && valid && candidate.issuer.isEqual(issuer.subject) && (await certificateSignedBy(candidate, issuer, crypto))) return candidate;
    throw new Unavailable('the responder is not certified by the issuer for OCSP signing');
  }
  throw new Unavailable('the responder is not the issuer or a certificate it sent');
}

/** Reads and checks a response to our request; throws Unavailable for anything that is not a trustworthy answer. */
export async function readOcspResponse(
  der: Uint8Array,
  expected: { certId: pkijs.CertID; nonce: Uint8Array; issuer: pkijs.Certificate; at: Date; crypto?: Crypto },
): Promise<Exclude<OcspAnswer, { status: 'unavailable' }> | { status: 'unknown' }> {
  const crypto = expected.crypto ?? nodeCrypto;
  let response: pkijs.OCSPResponse;
  let basic: pkijs.BasicOCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(arrayBuffer(der));
    if (response.responseStatus.valueBlock.valueDec !== 0) throw new Unavailable(`responder status ${response.responseStatus.valueBlock.valueDec}`);
    if (response.responseBytes?.responseType !== OID.basicResponse) throw new Unavailable('not a basic OCSP response');
    basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  } catch (error) {
    throw error instanceof Unavailable ? error : new Unavailable(`unreadable response: ${error instanceof Error ? error.message : String(error)}`);
  }
  const responder = await responderOf(basic, expected.issuer, expected.at, crypto);
  const signed = await verifySignatureValue({
    spki: responder.subjectPublicKeyInfo,
    signatureOid: basic.signatureAlgorithm.algorithmId,
    signed: basic.tbsResponseData.tbsView,
    signature: bytesOf(basic.signature),
    crypto,
  }).catch(() => false);
  if (!signed) throw new Unavailable('the response signature does not verify');
  const nonce = basic.tbsResponseData.responseExtensions?.find((extension) => extension.extnID === OID.nonce);
  // RFC 8954: a responder may leave the nonce out (then currency comes from thisUpdate), never answer with another.
  if (nonce && !sameBytes(bytesOf(nonce.extnValue), new Uint8Array(new asn1js.OctetString({ valueHex: arrayBuffer(expected.nonce) }).toBER(false)))) {
    throw new Unavailable('the response carries another nonce');
  }
  const single = basic.tbsResponseData.responses.find((candidate) => candidate.certID.isEqual(expected.certId));
  if (!single) throw new Unavailable('the response is about another certificate');
  const at = expected.at.getTime();
  if (single.thisUpdate.getTime() > at + SKEW_MS) throw new Unavailable('the answer is dated in the future');
  if (single.nextUpdate ? single.nextUpdate.getTime() < at - SKEW_MS : !nonce && single.thisUpdate.getTime() < at - SKEW_MS) {
    throw new Unavailable('the answer is out of date');
  }
  const status = single.certStatus as asn1js.BaseBlock;
  if (status.idBlock.tagNumber === 0) return { status: 'good', thisUpdate: single.thisUpdate };
  if (status.idBlock.tagNumber === 1) {
    const time = (status as asn1js.Constructed).valueBlock.value[0];
    return { status: 'revoked', revokedAt: time instanceof asn1js.GeneralizedTime ? time.toDate() : single.thisUpdate };
  }
  return { status: 'unknown' };
}

export function createOcspChecker(options: {
  /** The CAs whose certificates may be asked about (the issuing intermediates and roots), PEM. */
  trustedIssuersPem: readonly string[];
  /** Where a URL named in a certificate is actually fetched (training maps its CA's host to the sandbox). */
  resolveUrl?: (url: string) => string;
  timeoutMs?: number;
  now?: () => Date;
}): OcspChecker {
  const issuers = options.trustedIssuersPem.map(certificateFromPem);
  const resolve = options.resolveUrl ?? ((url: string) => url);
  const now = options.now ?? (() => new Date());
  return {
    async check(certificatePem) {
      const certificate = certificateFromPem(certificatePem);
      const issuer = issuers.find((candidate) => candidate.subject.isEqual(certificate.issuer));
      const [url] = ocspUrlsOf(certificate);
      if (!issuer) return { status: 'unavailable', reason: 'the issuer is not a trusted CA' };
      if (!url) return { status: 'unavailable', reason: 'the certificate names no OCSP responder' };
      const certId = await certIdOf(certificate, issuer, nodeCrypto);
      const nonce = nodeCrypto.getRandomValues(new Uint8Array(16));
      try {
        const reply = await fetch(resolve(url), {
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
          body: arrayBuffer(buildOcspRequest(certId, nonce)),
          signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
        if (!reply.ok) return { status: 'unavailable', reason: `HTTP ${reply.status}` };
        const body = new Uint8Array(await reply.arrayBuffer());
        if (body.length > MAX_RESPONSE_BYTES) return { status: 'unavailable', reason: 'response too large' };
        const answer = await readOcspResponse(body, { certId, nonce, issuer, at: now() });
        return answer.status === 'unknown' ? { status: 'unavailable', reason: 'the responder does not know the certificate' } : answer;
      } catch (error) {
        return { status: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
