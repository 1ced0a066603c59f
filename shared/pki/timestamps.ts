/**
 * Trusted time for signatures made offline: a TimeStampReq over the hash of a CMS signature value, the granted token
 * attached to that signature as its unsigned id-aa-timeStampToken attribute (RFC 3161, CAdES-T), and checking such a
 * token as a receiver does: signed by a time-stamping authority that chains to a pinned certificate and was good at
 * the time it states (RSA, GOST 2015, or GOST 2004 with ESS signing-certificate v1 as NCA's TSA signs), over an
 * imprint of exactly the data in question under the imprint's own hash algorithm.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { arrayBuffer, bytesEqual, checkSignerInfo, CMS_OID, parseSignedData, signedDataOf, type SignedContent } from './cmsSignerInfo';
import { ALGORITHM_OID, digestByOid, UnsupportedAlgorithmError } from './signatureAlgorithms';
import { extendedKeyUsagesOf, subjectText, type SignerFacts } from './signerCertificate';
import { acceptSigner, refusal, type SignatureRefusal } from './signatureVerdict';

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

function onlySigner(signedData: pkijs.SignedData): pkijs.SignerInfo {
  const [signer, ...others] = signedData.signerInfos;
  if (!signer || others.length > 0) throw new Error('expected exactly one signer');
  return signer;
}

export function hasTimestamp(cmsDer: Uint8Array): boolean {
  return onlySigner(parseSignedData(cmsDer)).unsignedAttrs?.attributes.some((attribute) => attribute.type === CMS_OID.timeStampToken) ?? false;
}

export async function buildTimeStampRequest(cmsDer: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const signature = onlySigner(parseSignedData(cmsDer)).signature.valueBlock.valueHexView;
  const imprint = await crypto.subtle.digest('SHA-256', arrayBuffer(new Uint8Array(signature)));
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = nonce[0]! & 0x7f; // positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ALGORITHM_OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: arrayBuffer(nonce) }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

/** TSTInfo of a token (pkijs writes eContent as a constructed OCTET STRING; getValue() joins its parts). */
function tstInfoOf(tokenData: pkijs.SignedData): pkijs.TSTInfo {
  const tstDer = tokenData.encapContentInfo.eContent?.getValue();
  if (tokenData.encapContentInfo.eContentType !== CMS_OID.tstInfo || !tstDer?.byteLength) throw new Error('timestamp token without TSTInfo');
  return pkijs.TSTInfo.fromBER(tstDer);
}

/** Whether the token's imprint is of `imprinted`, hashed with the imprint's own algorithm. */
async function imprintMatches(tstInfo: pkijs.TSTInfo, imprinted: SignedContent, crypto: Crypto): Promise<boolean> {
  const hashOid = tstInfo.messageImprint.hashAlgorithm.algorithmId;
  const expected = imprinted instanceof Uint8Array ? await digestByOid(hashOid, imprinted, crypto) : await imprinted(hashOid);
  return bytesEqual(new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView), expected);
}

/** The token of a granted response, added to the signature; refuses a refusal or a token for another signature. */
export async function attachTimestampToken(cmsDer: Uint8Array, timeStampRespDer: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const response = pkijs.TimeStampResp.fromBER(arrayBuffer(timeStampRespDer));
  if (response.status.status !== pkijs.PKIStatus.granted && response.status.status !== pkijs.PKIStatus.grantedWithMods) throw new Error('timestamp refused');
  if (!response.timeStampToken) throw new Error('timestamp response without a token');
  const signedData = parseSignedData(cmsDer);
  const signer = onlySigner(signedData);
  const tstInfo = tstInfoOf(signedDataOf(response.timeStampToken));
  if (!(await imprintMatches(tstInfo, new Uint8Array(signer.signature.valueBlock.valueHexView), crypto))) throw new Error('timestamp is for another signature');
  const token = new pkijs.Attribute({ type: CMS_OID.timeStampToken, values: [response.timeStampToken.toSchema()] });
  signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [...(signer.unsignedAttrs?.attributes ?? []), token] });
  const contentInfo = new pkijs.ContentInfo({ contentType: CMS_OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export type TimestampVerdict =
  | { ok: true; time: Date; tsaName: string; tsa: SignerFacts; policy: string; serialNumberHex: string }
  | SignatureRefusal;

export interface TimestampVerification {
  /** What was stamped: the bytes (a CMS signature value), or their digest by hash OID. */
  imprinted: SignedContent;
  anchors: readonly pkijs.Certificate[];
  crls?: readonly pkijs.CertificateRevocationList[];
  crypto: Crypto;
}

const tokenRefusal = (reason: string) => refusal('timestamp', `timestamp: ${reason}`);

/** Checks an RFC 3161 token (a ContentInfo, or its DER); the TSA's certificate is judged at the token's own time. */
export async function verifyTimeStampToken(token: pkijs.ContentInfo | Uint8Array, options: TimestampVerification): Promise<TimestampVerdict> {
  let tokenData: pkijs.SignedData;
  let tstInfo: pkijs.TSTInfo;
  try {
    tokenData = token instanceof Uint8Array ? parseSignedData(token) : signedDataOf(token);
    tstInfo = tstInfoOf(tokenData);
  } catch (error) {
    return tokenRefusal(error instanceof Error ? error.message : String(error));
  }
  try {
    if (!(await imprintMatches(tstInfo, options.imprinted, options.crypto))) return tokenRefusal('it is for another signature');
  } catch (error) {
    return tokenRefusal(error instanceof UnsupportedAlgorithmError ? `imprint ${error.message}` : String(error));
  }
  const checked = await checkSignerInfo(tokenData, { crypto: options.crypto });
  if (!checked.ok) return tokenRefusal(checked.reason);
  if (!extendedKeyUsagesOf(checked.certificate).includes(TIME_STAMPING)) return tokenRefusal('the signer is not a time-stamping authority');
  const accepted = await acceptSigner(checked.certificate, {
    anchors: options.anchors,
    bundled: checked.bundled,
    ...(options.crls ? { crls: options.crls } : {}),
    at: tstInfo.genTime,
    crypto: options.crypto,
    purpose: 'timeStamping',
  });
  if (!accepted.ok) return tokenRefusal(`authority ${accepted.reason}`);
  return {
    ok: true,
    time: tstInfo.genTime,
    tsaName: subjectText(checked.certificate, '2.5.4.3') ?? '',
    tsa: accepted.signer,
    policy: tstInfo.policy,
    serialNumberHex: Array.from(new Uint8Array(tstInfo.serialNumber.valueBlock.valueHexView), (byte) => byte.toString(16).padStart(2, '0')).join(''),
  };
}
