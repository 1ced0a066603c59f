/**
 * Detached CMS signatures over attachments (CAdES-BES shape: content type, message digest, signing time and
 * signing-certificate-v2 as signed attributes), and their verification. Platform-free: PKI.js over whatever
 * WebCrypto the caller passes, so the host, the sandbox and any verifier use the same code.
 * The caller supplies the SHA-256 of the file (hosts stream it natively), never the file itself.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  serialNumberAttribute: '2.5.4.5',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface CmsSigner {
  iin: string | null;
  commonName: string;
  serialNumberHex: string;
}

export type CmsVerdict =
  | { ok: true; signer: CmsSigner; signingTime: Date | null; timestamp: { time: Date; tsaName: string } | null }
  | { ok: false; reason: string };

/** A copy as a plain ArrayBuffer (a Node Buffer's .slice() shares its pool, so never that). */
const buffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer as ArrayBuffer;
const bytesEqual = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array) => {
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  return x.length === y.length && x.every((value, i) => value === y[i]);
};

function parseCertificate(der: Uint8Array | ArrayBuffer): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der instanceof Uint8Array ? buffer(der) : der);
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to exactly this certificate. */
function signingCertificateV2(certificate: pkijs.Certificate, certificateHash: ArrayBuffer): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] }),
      certificate.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certificateHash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/**
 * The signed attributes every signature here carries (CMS requires content type and digest; ESS v2 binds the
 * signer certificate): for attachments, and for the sandbox TSA's tokens over TSTInfo.
 */
export async function standardSignedAttributes(options: {
  contentType: string;
  contentDigest: Uint8Array;
  signerCertificateDer: Uint8Array;
  signingTime?: Date;
  crypto: Crypto;
}): Promise<pkijs.SignedAndUnsignedAttributes> {
  const certificate = parseCertificate(options.signerCertificateDer);
  const certificateHash = await options.crypto.subtle.digest('SHA-256', buffer(options.signerCertificateDer));
  return new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: options.contentType })),
      attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: buffer(options.contentDigest) })),
      ...(options.signingTime ? [attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: options.signingTime }))] : []),
      attribute(OID.signingCertificateV2, signingCertificateV2(certificate, certificateHash)),
    ],
  });
}

export async function createDetachedCms(options: {
  contentDigest: Uint8Array;
  privateKey: CryptoKey;
  signerCertificateDer: Uint8Array;
  chainDer?: Uint8Array[];
  signingTime: Date;
  crypto: Crypto;
}): Promise<Uint8Array> {
  const engine = new pkijs.CryptoEngine({ name: 'qabyl', crypto: options.crypto });
  const certificate = parseCertificate(options.signerCertificateDer);
  const signedAttributes = await standardSignedAttributes({ ...options, contentType: OID.data });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: signedAttributes,
      }),
    ],
    certificates: [certificate, ...(options.chainDer ?? []).map(parseCertificate)],
  });
  await signedData.sign(options.privateKey, 0, 'SHA-256', undefined, engine);
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

function attributeValue(attributes: pkijs.SignedAndUnsignedAttributes | undefined, type: string): asn1js.AsnType | undefined {
  return attributes?.attributes.find((candidate) => candidate.type === type)?.values[0];
}

function subjectText(certificate: pkijs.Certificate, type: string): string {
  const value = certificate.subject.typesAndValues.find((entry) => entry.type === type)?.value as { valueBlock?: { value?: unknown } } | undefined;
  return typeof value?.valueBlock?.value === 'string' ? value.valueBlock.value : '';
}

function signerOf(certificate: pkijs.Certificate): CmsSigner {
  const serial = subjectText(certificate, OID.serialNumberAttribute);
  return {
    iin: /^IIN(\d{12})$/.exec(serial)?.[1] ?? null,
    commonName: subjectText(certificate, '2.5.4.3'),
    serialNumberHex: Array.from(new Uint8Array(certificate.serialNumber.valueBlock.valueHexView)).map((b) => b.toString(16).padStart(2, '0')).join(''),
  };
}

/** The issuer must be one of the anchors (roots and intermediates are both anchors here, as in the XML verifier). */
async function issuedByAnchor(certificate: pkijs.Certificate, anchors: pkijs.Certificate[], engine: pkijs.CryptoEngine): Promise<boolean> {
  for (const anchor of anchors) {
    if (!certificate.issuer.isEqual(anchor.subject)) continue;
    if (await certificate.verify(anchor, engine).catch(() => false)) return true;
  }
  return false;
}

/** Verifies a signature value over `signed` with the certificate's RSA key. */
async function signatureValid(certificate: pkijs.Certificate, signed: ArrayBuffer, signature: ArrayBuffer, crypto: Crypto): Promise<boolean> {
  const key = await crypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo.toSchema().toBER(false), RSA_SHA256, false, ['verify']);
  return crypto.subtle.verify(RSA_SHA256, key, signature, signed);
}

/** DER of the signed attributes as signed: re-tagged from [0] IMPLICIT to SET, as CMS prescribes. */
function signedAttributesDer(signerInfo: pkijs.SignerInfo): ArrayBuffer {
  const der = new Uint8Array(signerInfo.signedAttrs!.encodedValue.slice(0));
  der[0] = 0x31;
  return der.buffer as ArrayBuffer;
}

function parseSignedData(cmsDer: Uint8Array): pkijs.SignedData {
  const contentInfo = pkijs.ContentInfo.fromBER(buffer(cmsDer));
  if (contentInfo.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  return new pkijs.SignedData({ schema: contentInfo.content });
}

/** Finds the signer's certificate by the SignerInfo's issuer and serial. */
function signerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  return (signedData.certificates ?? []).find(
    (candidate): candidate is pkijs.Certificate =>
      candidate instanceof pkijs.Certificate && candidate.issuer.isEqual(sid.issuer) && candidate.serialNumber.isEqual(sid.serialNumber),
  );
}

async function verifyTimestamp(signerInfo: pkijs.SignerInfo, anchors: pkijs.Certificate[], crypto: Crypto, engine: pkijs.CryptoEngine) {
  const token = attributeValue(signerInfo.unsignedAttrs, OID.timeStampToken);
  if (!token) return null;
  const tokenInfo = new pkijs.ContentInfo({ schema: token });
  const tokenData = new pkijs.SignedData({ schema: tokenInfo.content });
  const tokenSigner = tokenData.signerInfos[0];
  const tstDer = tokenData.encapContentInfo.eContent?.getValue();
  if (!tokenSigner || !tstDer?.byteLength) throw new Error('timestamp token without content');
  // pkijs writes eContent as a constructed OCTET STRING; getValue() joins its parts.
  const tstInfo = pkijs.TSTInfo.fromBER(tstDer);
  const imprint = await crypto.subtle.digest('SHA-256', signerInfo.signature.valueBlock.valueHexView.slice().buffer as ArrayBuffer);
  if (tstInfo.messageImprint.hashAlgorithm.algorithmId !== OID.sha256 || !bytesEqual(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView, imprint)) {
    throw new Error('timestamp is for another signature');
  }
  const tsa = signerCertificate(tokenData, tokenSigner);
  if (!tsa || !(await issuedByAnchor(tsa, anchors, engine))) throw new Error('timestamp authority is not trusted');
  const usage = tsa.extensions?.find((extension) => extension.extnID === '2.5.29.37')?.parsedValue as { keyPurposes?: string[] } | undefined;
  if (!usage?.keyPurposes?.includes(OID.timeStamping)) throw new Error('timestamp signer is not a timestamping authority');
  const digest = attributeValue(tokenSigner.signedAttrs, OID.messageDigest) as asn1js.OctetString | undefined;
  const tstDigest = await crypto.subtle.digest('SHA-256', tstDer);
  if (!digest || !bytesEqual(digest.valueBlock.valueHexView, tstDigest)) throw new Error('timestamp content digest mismatch');
  if (!(await signatureValid(tsa, signedAttributesDer(tokenSigner), tokenSigner.signature.valueBlock.valueHexView.slice().buffer as ArrayBuffer, crypto))) {
    throw new Error('timestamp signature invalid');
  }
  return { time: tstInfo.genTime, tsaName: subjectText(tsa, '2.5.4.3') };
}

export async function verifyDetachedCms(
  cmsDer: Uint8Array,
  options: { contentDigest: Uint8Array; trustedCertificatesDer: Uint8Array[]; crypto: Crypto },
): Promise<CmsVerdict> {
  const engine = new pkijs.CryptoEngine({ name: 'qabyl', crypto: options.crypto });
  try {
    const signedData = parseSignedData(cmsDer);
    if (signedData.signerInfos.length !== 1) return { ok: false, reason: 'expected exactly one signer' };
    if (signedData.encapContentInfo.eContent) return { ok: false, reason: 'expected a detached signature' };
    const signerInfo = signedData.signerInfos[0]!;
    const certificate = signerCertificate(signedData, signerInfo);
    if (!certificate) return { ok: false, reason: 'signer certificate missing' };

    const contentType = attributeValue(signerInfo.signedAttrs, OID.contentType) as asn1js.ObjectIdentifier | undefined;
    if (contentType?.valueBlock.toString() !== OID.data) return { ok: false, reason: 'content type is not data' };
    const digest = attributeValue(signerInfo.signedAttrs, OID.messageDigest) as asn1js.OctetString | undefined;
    if (!digest || !bytesEqual(digest.valueBlock.valueHexView, options.contentDigest)) return { ok: false, reason: 'the file is not the one that was signed' };
    const essV2 = attributeValue(signerInfo.signedAttrs, OID.signingCertificateV2) as asn1js.Sequence | undefined;
    const certHash = await options.crypto.subtle.digest('SHA-256', certificate.toSchema().toBER(false));
    const boundHash = ((essV2?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.OctetString | undefined;
    if (!boundHash || !bytesEqual(boundHash.valueBlock.valueHexView, certHash)) return { ok: false, reason: 'signing-certificate-v2 does not name the signer certificate' };

    const signature = signerInfo.signature.valueBlock.valueHexView.slice().buffer as ArrayBuffer;
    if (!(await signatureValid(certificate, signedAttributesDer(signerInfo), signature, options.crypto))) return { ok: false, reason: 'signature does not verify' };
    const anchors = options.trustedCertificatesDer.map(parseCertificate);
    if (!(await issuedByAnchor(certificate, anchors, engine))) return { ok: false, reason: 'signer certificate is not issued by a trusted CA' };

    const signingTime = attributeValue(signerInfo.signedAttrs, OID.signingTime) as asn1js.UTCTime | undefined;
    const timestamp = await verifyTimestamp(signerInfo, anchors, options.crypto, engine);
    return { ok: true, signer: signerOf(certificate), signingTime: signingTime?.toDate() ?? null, timestamp };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
