/**
 * The cryptographic half of checking a CMS SignedData with one signer, shared by signatures over files and
 * RFC 3161 time-stamp tokens: the content (attached, or given by the caller for a detached signature) against the
 * messageDigest under the signer's own digestAlgorithm, the content type, the ESS signing-certificate(-v2) binding
 * when present, and the signature over the signed attributes through verifySignatureValue (RSA, GOST 2015, GOST 2004).
 * Whether the certificate was good at the time is the caller's step, since that moment may come from a time-stamp.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ALGORITHM_OID, digestByOid, UnsupportedAlgorithmError, verifySignatureValue } from './signatureAlgorithms';
import { refusal, type SignatureRefusal } from './signatureVerdict';

export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

/**
 * What a detached signature was made over: the bytes, or (for files the caller hashes as a stream) their digest
 * under a digestAlgorithm OID, which the caller may refuse to give by throwing.
 */
export type SignedContent = Uint8Array | ((digestOid: string) => Promise<Uint8Array>);

/** Content for callers holding digests they computed already (e.g. streamed); any other algorithm is "content missing". */
export function precomputedDigests(digests: Readonly<Record<string, Uint8Array>>): SignedContent {
  return async (digestOid) => {
    const digest = digests[digestOid];
    if (!digest) throw new ContentMissingError(digestOid);
    return digest;
  };
}

export class ContentMissingError extends Error {
  constructor(readonly digestOid: string) {
    super(`the content is needed to check a digest by ${digestOid}`);
  }
}

/** A copy as a plain ArrayBuffer (a Node Buffer's .slice() shares its pool, so never that). */
export const arrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer as ArrayBuffer;
export const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((value, i) => value === b[i]);

export function parseSignedData(cmsDer: Uint8Array): pkijs.SignedData {
  return signedDataOf(pkijs.ContentInfo.fromBER(arrayBuffer(cmsDer)));
}

export function signedDataOf(contentInfo: pkijs.ContentInfo): pkijs.SignedData {
  if (contentInfo.contentType !== CMS_OID.signedData) throw new Error('not a CMS SignedData');
  return new pkijs.SignedData({ schema: contentInfo.content });
}

export function attributeValue(attributes: pkijs.SignedAndUnsignedAttributes | undefined, type: string): asn1js.AsnType | undefined {
  return attributes?.attributes.find((candidate) => candidate.type === type)?.values[0];
}

/** The encapsulated content, or null for a detached signature (a constructed OCTET STRING's parts joined). */
export function encapsulatedContent(signedData: pkijs.SignedData): Uint8Array | null {
  const content = signedData.encapContentInfo.eContent;
  return content ? new Uint8Array(content.getValue()) : null;
}

/** DER of the signed attributes as signed: re-tagged from [0] IMPLICIT to SET, as CMS prescribes. */
function signedAttributesDer(signerInfo: pkijs.SignerInfo): Uint8Array {
  const der = new Uint8Array(signerInfo.signedAttrs!.encodedValue.slice(0));
  der[0] = 0x31;
  return der;
}

function subjectKeyIdentifier(certificate: pkijs.Certificate): Uint8Array | null {
  const extension = certificate.extensions?.find((candidate) => candidate.extnID === CMS_OID.subjectKeyIdentifier);
  const parsed = extension?.parsedValue as asn1js.OctetString | undefined;
  return parsed ? new Uint8Array(parsed.valueBlock.valueHexView) : null;
}

/** The signer's certificate by the SignerInfo's issuer and serial, or its subject key identifier. */
export function signerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const certificates = (signedData.certificates ?? []).filter((candidate): candidate is pkijs.Certificate => candidate instanceof pkijs.Certificate);
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((candidate) => candidate.issuer.isEqual(sid.issuer) && candidate.serialNumber.isEqual(sid.serialNumber));
  }
  const keyId = (sid as { valueBlock?: { valueHexView?: Uint8Array; value?: asn1js.OctetString[] } }).valueBlock;
  const wanted = keyId?.valueHexView?.length ? keyId.valueHexView : keyId?.value?.[0]?.valueBlock.valueHexView;
  if (!wanted) return undefined;
  return certificates.find((candidate) => {
    const own = subjectKeyIdentifier(candidate);
    return own !== null && bytesEqual(own, new Uint8Array(wanted));
  });
}

/**
 * ESS signing-certificate-v2 (RFC 5035) or v1 (RFC 2634, SHA-1; NCA's TSA uses it): if present, its first ESSCertID
 * must hash to the signer certificate, and its issuerSerial, when given, name that certificate's serial.
 */
async function certificateBindingProblem(signerInfo: pkijs.SignerInfo, certificate: pkijs.Certificate, crypto: Crypto): Promise<string | null> {
  const v2 = attributeValue(signerInfo.signedAttrs, CMS_OID.signingCertificateV2);
  const v1 = attributeValue(signerInfo.signedAttrs, CMS_OID.signingCertificate);
  const ess = v2 ?? v1;
  if (!ess) return null;
  const name = v2 ? 'signing-certificate-v2' : 'signing-certificate';
  const certIds = (ess as asn1js.Sequence).valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const first = certIds?.valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const fields = first?.valueBlock?.value ?? [];
  let index = 0;
  let hashOid: string = ALGORITHM_OID.sha1;
  if (v2) {
    hashOid = ALGORITHM_OID.sha256;
    // hashAlgorithm is DEFAULT sha256, so present only when another hash is used.
    if (fields[0] instanceof asn1js.Sequence) {
      hashOid = new pkijs.AlgorithmIdentifier({ schema: fields[0] }).algorithmId;
      index = 1;
    }
  }
  const hash = fields[index];
  if (!(hash instanceof asn1js.OctetString)) return `${name} is malformed`;
  const certificateHash = await digestByOid(hashOid, new Uint8Array(certificate.toSchema().toBER(false)), crypto);
  if (!bytesEqual(new Uint8Array(hash.valueBlock.valueHexView), certificateHash)) return `${name} does not name the signer certificate`;
  const issuerSerial = fields[index + 1] as asn1js.Sequence | undefined;
  const serial = issuerSerial?.valueBlock?.value?.[1];
  if (serial instanceof asn1js.Integer && !serial.isEqual(certificate.serialNumber)) return `${name} names another certificate serial`;
  return null;
}

function timeOf(value: asn1js.AsnType | undefined): Date | null {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return null;
}

export interface SignerInfoChecked {
  ok: true;
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  certificate: pkijs.Certificate;
  /** The certificates that came with the signature (links of the chain, never trusted by themselves). */
  bundled: pkijs.Certificate[];
  /** The encapsulated content of an attached signature; null for a detached one. */
  content: Uint8Array | null;
  signingTime: Date | null;
}

/** Checks the one signer of `signedData` over its content; `content` is required for a detached signature. */
export async function checkSignerInfo(signedData: pkijs.SignedData, options: { content?: SignedContent | undefined; crypto: Crypto }): Promise<SignerInfoChecked | SignatureRefusal> {
  if (signedData.signerInfos.length !== 1) return refusal('malformed', 'expected exactly one signer');
  const signerInfo = signedData.signerInfos[0]!;
  const attached = encapsulatedContent(signedData);
  if (attached && options.content instanceof Uint8Array && !bytesEqual(attached, options.content)) {
    return refusal('contentMismatch', 'the enclosed content is not the file given');
  }
  const content = attached ?? options.content;
  if (!content) return refusal('contentMissing', 'a detached signature: the signed file is needed to check it');
  if (!signerInfo.signedAttrs) return refusal('malformed', 'no signed attributes');

  const contentType = attributeValue(signerInfo.signedAttrs, CMS_OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== signedData.encapContentInfo.eContentType) {
    return refusal('malformed', 'the content-type attribute does not match the content');
  }
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const messageDigest = attributeValue(signerInfo.signedAttrs, CMS_OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) return refusal('malformed', 'no message-digest attribute');
  let digest: Uint8Array;
  try {
    digest = content instanceof Uint8Array ? await digestByOid(digestOid, content, options.crypto) : await content(digestOid);
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) return refusal('unsupportedAlgorithm', error.message);
    if (error instanceof ContentMissingError) return refusal('contentMissing', error.message);
    throw error;
  }
  if (!bytesEqual(new Uint8Array(messageDigest.valueBlock.valueHexView), digest)) return refusal('contentMismatch', 'the file is not the one that was signed');

  const certificate = signerCertificate(signedData, signerInfo);
  if (!certificate) return refusal('certificateMissing', 'signer certificate missing');
  try {
    const bindingProblem = await certificateBindingProblem(signerInfo, certificate, options.crypto);
    if (bindingProblem) return refusal('certificateBinding', bindingProblem);
    const valid = await verifySignatureValue({
      spki: certificate.subjectPublicKeyInfo,
      signatureOid: signerInfo.signatureAlgorithm.algorithmId,
      digestOid,
      signed: signedAttributesDer(signerInfo),
      signature: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
      crypto: options.crypto,
    });
    if (!valid) return refusal('badSignature', 'signature does not verify');
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError) return refusal('unsupportedAlgorithm', error.message);
    return refusal('badSignature', `signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bundled = (signedData.certificates ?? []).filter((candidate): candidate is pkijs.Certificate => candidate instanceof pkijs.Certificate && candidate !== certificate);
  return {
    ok: true,
    signedData,
    signerInfo,
    certificate,
    bundled,
    content: attached,
    signingTime: timeOf(attributeValue(signerInfo.signedAttrs, CMS_OID.signingTime)),
  };
}
