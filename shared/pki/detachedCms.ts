/**
 * CMS signatures over files, made and checked. Made: detached, by a SigningKey — GOST 34.10-2015 as Kalkan/NCALayer
 * make it (digest Streebog-512, signed attributes content type, signing time, message digest) and RSA-SHA256 with
 * ESS signing-certificate-v2 besides. Checked: detached or attached (Kalkan's .cms are attached), with or without
 * ESS binding, RSA / GOST 2015 / GOST 2004, a time-stamp token if there is one, and the signer certificate judged
 * at the attested moment (the token's time, else the signing time, else the caller's). Platform-free: PKI.js over
 * whatever WebCrypto the caller passes, so the host, the sandbox and `npm run verify` use the same code.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256 } from '@noble/hashes/sha2.js';
import { arrayBuffer, attributeValue, checkSignerInfo, CMS_OID, parseSignedData, type SignedContent } from './cmsSignerInfo';
import type { RevocationStatus, SignerFacts } from './signerCertificate';
import { SIGNING_IDENTIFIERS, type SigningKey } from './signingKey';
import { acceptSigner, type SignatureRefusal } from './signatureVerdict';
import { verifyTimeStampToken } from './timestamps';

export { precomputedDigests, type SignedContent } from './cmsSignerInfo';

const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(arrayBuffer(der));

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to exactly this certificate. */
function signingCertificateV2(certificate: pkijs.Certificate, certificateDer: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] }),
      certificate.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: arrayBuffer(sha256(certificateDer)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** DER sorts a SET OF by its elements' encodings (Kalkan's order too); what is signed is exactly this encoding. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((item) => ({ item, der: new Uint8Array(item.toSchema().toBER(false)) }));
  const compare = (a: Uint8Array, b: Uint8Array) => {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  return encoded.sort((x, y) => compare(x.der, y.der)).map(({ item }) => item);
}

/**
 * The signed attributes of a signature (CMS requires content type and digest; ESS v2, when asked for, binds the signer
 * certificate): for attachments, and for the sandbox TSA's tokens over TSTInfo.
 */
export function standardSignedAttributes(options: {
  contentType: string;
  contentDigest: Uint8Array;
  signerCertificateDer: Uint8Array;
  signingTime?: Date;
  /** ESS signing-certificate-v2; default true (RSA signatures and TSA tokens carry it, Kalkan's GOST ones do not). */
  bindCertificate?: boolean;
}): pkijs.SignedAndUnsignedAttributes {
  const attributes = [
    attribute(CMS_OID.contentType, new asn1js.ObjectIdentifier({ value: options.contentType })),
    attribute(CMS_OID.messageDigest, new asn1js.OctetString({ valueHex: arrayBuffer(options.contentDigest) })),
    ...(options.signingTime ? [attribute(CMS_OID.signingTime, new asn1js.UTCTime({ valueDate: options.signingTime }))] : []),
    ...(options.bindCertificate === false ? [] : [attribute(CMS_OID.signingCertificateV2, signingCertificateV2(parseCertificate(options.signerCertificateDer), options.signerCertificateDer))]),
  ];
  return new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: derSorted(attributes) });
}

/** A SignerInfo by `key` over `signedAttributes`: the signature is over their DER as a SET, as CMS prescribes. */
export function signerInfoBy(key: SigningKey, signedAttributes: pkijs.SignedAndUnsignedAttributes): pkijs.SignerInfo {
  const certificate = parseCertificate(key.certificateDer);
  const ids = SIGNING_IDENTIFIERS[key.algorithm];
  const signedDer = new asn1js.Set({ value: signedAttributes.attributes.map((item) => item.toSchema()) }).toBER(false);
  // Kalkan writes NULL parameters for GOST algorithms; for SHA-256 RFC 5754 prefers them absent.
  const gostParams = key.algorithm === 'rsa' ? {} : { algorithmParams: new asn1js.Null() };
  return new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ids.digestOid, ...gostParams }),
    signedAttrs: signedAttributes,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ids.signatureOid, ...gostParams }),
    signature: new asn1js.OctetString({ valueHex: arrayBuffer(key.sign(new Uint8Array(signedDer))) }),
  });
}

/** `contentDigest` is the content's digest under the key's own hash (key.digest: SHA-256, or Streebog-512 for GOST). */
export async function createDetachedCms(options: { contentDigest: Uint8Array; key: SigningKey; signingTime: Date; chainDer?: readonly Uint8Array[] }): Promise<Uint8Array> {
  const { key } = options;
  const signerInfo = signerInfoBy(
    key,
    standardSignedAttributes({ contentType: CMS_OID.data, contentDigest: options.contentDigest, signerCertificateDer: key.certificateDer, signingTime: options.signingTime, bindCertificate: key.algorithm === 'rsa' }),
  );
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [signerInfo.digestAlgorithm],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: CMS_OID.data }),
    signerInfos: [signerInfo],
    certificates: [parseCertificate(key.certificateDer), ...(options.chainDer ?? []).map(parseCertificate)],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: CMS_OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export interface CmsVerification {
  /** For a detached signature: the signed bytes, or their digest by OID. An attached one carries its own (if given too, it must match). */
  content?: SignedContent;
  /** Pinned certificates (DER), roots and intermediates alike: NCA signatures carry only the leaf. */
  trustedCertificatesDer: readonly Uint8Array[];
  /** CRLs (DER); each counts only if a certificate of the chain signed it. */
  crlsDer?: readonly Uint8Array[];
  /** The moment to judge the signer certificate at when the signature attests none (no time-stamp, no signing time); now by default. */
  at?: Date;
  crypto: Crypto;
}

export type CmsVerdict =
  | {
      ok: true;
      signer: SignerFacts;
      signingTime: Date | null;
      timestamp: { time: Date; tsaName: string } | null;
      /** The moment the signer certificate was judged at. */
      attestedAt: Date;
      revocation: RevocationStatus;
      /** The enclosed content of an attached signature; null for a detached one. */
      content: Uint8Array | null;
      digestOid: string;
    }
  | SignatureRefusal;

/** Any CMS SignedData with one signer, detached or attached. */
export async function verifyCms(cmsDer: Uint8Array, options: CmsVerification): Promise<CmsVerdict> {
  let signedData: pkijs.SignedData;
  let anchors: pkijs.Certificate[];
  let crls: pkijs.CertificateRevocationList[];
  try {
    signedData = parseSignedData(cmsDer);
    anchors = options.trustedCertificatesDer.map(parseCertificate);
    crls = (options.crlsDer ?? []).map((der) => pkijs.CertificateRevocationList.fromBER(arrayBuffer(der)));
  } catch (error) {
    return { ok: false, problem: 'malformed', reason: error instanceof Error ? error.message : String(error) };
  }
  const checked = await checkSignerInfo(signedData, { content: options.content, crypto: options.crypto });
  if (!checked.ok) return checked;

  let timestamp: { time: Date; tsaName: string } | null = null;
  const token = attributeValue(checked.signerInfo.unsignedAttrs, CMS_OID.timeStampToken);
  if (token) {
    const stamped = await verifyTimeStampToken(new pkijs.ContentInfo({ schema: token }), {
      imprinted: new Uint8Array(checked.signerInfo.signature.valueBlock.valueHexView),
      anchors,
      crls,
      crypto: options.crypto,
    });
    if (!stamped.ok) return stamped;
    timestamp = { time: stamped.time, tsaName: stamped.tsaName };
  }
  const attestedAt = timestamp?.time ?? checked.signingTime ?? options.at ?? new Date();
  const accepted = await acceptSigner(checked.certificate, { anchors, bundled: checked.bundled, crls, at: attestedAt, crypto: options.crypto });
  if (!accepted.ok) return accepted;
  return {
    ok: true,
    signer: accepted.signer,
    signingTime: checked.signingTime,
    timestamp,
    attestedAt,
    revocation: accepted.revocation,
    content: checked.content,
    digestOid: checked.signerInfo.digestAlgorithm.algorithmId,
  };
}

/** The name callers know: it verifies attached signatures too. */
export const verifyDetachedCms = verifyCms;
