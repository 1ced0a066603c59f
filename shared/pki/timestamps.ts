/**
 * Trusted time for signatures made offline: a TimeStampReq over the hash of a CMS signature value, and the
 * granted token attached to that signature as its unsigned id-aa-timeStampToken attribute (RFC 3161, CAdES-T).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_TIME_STAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

/** A copy as a plain ArrayBuffer (a Node Buffer's .slice() shares its pool, so never that). */
const buffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer as ArrayBuffer;

function signedDataOf(cmsDer: Uint8Array): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(buffer(cmsDer));
  if (info.contentType !== OID_SIGNED_DATA) throw new Error('not a CMS SignedData');
  return new pkijs.SignedData({ schema: info.content });
}

function onlySigner(signedData: pkijs.SignedData): pkijs.SignerInfo {
  const [signer, ...others] = signedData.signerInfos;
  if (!signer || others.length > 0) throw new Error('expected exactly one signer');
  return signer;
}

export function hasTimestamp(cmsDer: Uint8Array): boolean {
  return onlySigner(signedDataOf(cmsDer)).unsignedAttrs?.attributes.some((attribute) => attribute.type === OID_TIME_STAMP_TOKEN) ?? false;
}

export async function buildTimeStampRequest(cmsDer: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const signature = onlySigner(signedDataOf(cmsDer)).signature.valueBlock.valueHexView;
  const imprint = await crypto.subtle.digest('SHA-256', buffer(signature));
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = nonce[0]! & 0x7f; // positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: buffer(nonce) }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

/** The token of a granted response, added to the signature; refuses a refusal or a token for another signature. */
export async function attachTimestampToken(cmsDer: Uint8Array, timeStampRespDer: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const response = pkijs.TimeStampResp.fromBER(buffer(timeStampRespDer));
  if (response.status.status !== pkijs.PKIStatus.granted && response.status.status !== pkijs.PKIStatus.grantedWithMods) throw new Error('timestamp refused');
  if (!response.timeStampToken) throw new Error('timestamp response without a token');
  const signedData = signedDataOf(cmsDer);
  const signer = onlySigner(signedData);
  const tokenData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  const tstDer = tokenData.encapContentInfo.eContent?.getValue();
  if (!tstDer?.byteLength) throw new Error('timestamp token without content');
  // pkijs writes eContent as a constructed OCTET STRING; getValue() joins its parts.
  const tstInfo = pkijs.TSTInfo.fromBER(tstDer);
  const imprint = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(signer.signature.valueBlock.valueHexView)));
  const stamped = new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (stamped.length !== imprint.length || stamped.some((byte, i) => byte !== imprint[i])) throw new Error('timestamp is for another signature');
  const token = new pkijs.Attribute({ type: OID_TIME_STAMP_TOKEN, values: [response.timeStampToken.toSchema()] });
  signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [...(signer.unsignedAttrs?.attributes ?? []), token] });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
