/**
 * Key store backed by NCALayer (eds.md "Recommendations" §1): GOST keys, tokens and ID cards, with NCALayer's own key
 * and password dialog. NCALayer is another program answering on a local port, so its answer is trusted only after
 * the checks a PKCS#12 key gets, plus proof that each signature verifies with the signer certificate and covers
 * exactly what we asked it to sign: the XML we sent, and each attachment's digest under the key's own hash.
 */
import { DOMParser, onWarningStopParsing, type Document } from '@xmldom/xmldom';
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { C14nCanonicalization, SignedXml } from 'xml-crypto';
import { HostError } from '../../../shared/host/hostError';
import { bytesEqual, checkSignerInfo, encapsulatedContent, parseSignedData, precomputedDigests } from '../../../shared/pki/cmsSignerInfo';
import { digestByOid, digestOidForKey, keyAlgorithmOf, verifySignatureValue } from '../../../shared/pki/signatureAlgorithms';
import { bytesOfBase64, xmlAlgorithmBySignatureMethod, xmlHashAlgorithms, XMLDSIG_SHAPE } from '../../../shared/pki/xmldsigAlgorithms';
import { checkSigningCertificate } from './certificateChecks';
import type { AttachmentToSign, KeyStore } from './keyStore';
import { signDigestsWithNcaLayer, signXmlWithNcaLayer, type NcaLayerCallOptions, type NcaLayerErrorCode } from './ncaLayerClient';

// Node's WebCrypto is the standard API the shared PKI code is typed against (DOM types).
const crypto = webcrypto as unknown as Parameters<typeof verifySignatureValue>[0]['crypto'];

export const NCALAYER_KEY_ID = 'ncalayer';

const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

export interface NcaLayerKeyStoreOptions extends Pick<NcaLayerCallOptions, 'url' | 'tlsCa' | 'dialogTimeoutMs' | 'WebSocketImpl'> {
  /** Read at every signing, so NCALayer's dialog follows the operator's current language. */
  locale: () => NcaLayerCallOptions['locale'];
  /** Default 3 s: NCALayer is local, so a slow connection means it is not running. */
  connectTimeoutMs?: number;
}

interface SignerCertificate {
  certificate: pkijs.Certificate;
  der: Uint8Array;
}

const failed = (detail: string) => new HostError('keys.ncaLayerFailed', detail);
const ncaLayerError = ({ code, detail }: { code: NcaLayerErrorCode; detail?: string }) => new HostError(code, detail);
const parseXml = (xml: string): Document => new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(new Uint8Array(der));

/** The document as the signature covers it: C14N 1.0 without comments, since URI="" drops them (XMLDSig same-document references). */
function canonical(document: Document): string {
  const root = document.documentElement;
  return root ? new C14nCanonicalization().process(root, {}) : '';
}

/**
 * The signer certificate, once the enveloped signature verifies with it and covers exactly the document that was sent.
 * xml-crypto checks the reference (digest under the URI the signature names); the SignatureValue is checked with the
 * shared algorithm dispatch, so RSA, GOST 2015 and GOST 2004 signatures are judged as our verifiers judge them.
 */
async function verifySignedXml(signedXml: string, sentXml: string): Promise<SignerCertificate> {
  try {
    const document = parseXml(signedXml);
    const signatures = document.getElementsByTagNameNS(XMLDSIG_SHAPE.namespace, 'Signature');
    const signature = signatures.length === 1 ? signatures.item(0) : null;
    // Enveloped in the root, alone: what verified is then exactly the document the package carries.
    if (!signature || signature.parentNode !== document.documentElement) throw failed('expected one ds:Signature enveloped in the root');
    const certificateText = signature.getElementsByTagNameNS(XMLDSIG_SHAPE.namespace, 'X509Certificate').item(0)?.textContent;
    if (!certificateText) throw failed('no signer certificate in KeyInfo');
    const der = bytesOfBase64(certificateText);
    const certificate = parseCertificate(der);
    const named = xmlAlgorithmBySignatureMethod(signature.getElementsByTagNameNS(XMLDSIG_SHAPE.namespace, 'SignatureMethod').item(0)?.getAttribute('Algorithm'));
    if (!named || named.keyAlgorithm !== keyAlgorithmOf(certificate.subjectPublicKeyInfo)) throw failed('signature method does not fit the signer key');

    const algorithm = named;
    const verifier = new SignedXml({ publicCert: `-----BEGIN CERTIFICATE-----\n${certificateText.trim()}\n-----END CERTIFICATE-----`, getCertFromKeyInfo: () => null });
    Object.assign(verifier.HashAlgorithms, xmlHashAlgorithms());
    // Hands the canonical SignedInfo and the SignatureValue over to the asynchronous check below.
    const captured: { signedInfo?: string; signatureValue?: string } = {};
    verifier.SignatureAlgorithms[algorithm.signatureMethod] = class {
      getAlgorithmName = () => algorithm.signatureMethod;
      getSignature = () => {
        throw new Error('verification only');
      };
      verifySignature = (signedInfo: string, _key: unknown, signatureValue: string) => {
        Object.assign(captured, { signedInfo, signatureValue });
        return true;
      };
    } as unknown as (typeof verifier.SignatureAlgorithms)[string];
    verifier.loadSignature(signature.toString());
    if (!verifier.checkSignature(signedXml) || captured.signedInfo === undefined || captured.signatureValue === undefined) {
      throw failed('the signed digest does not match the document');
    }
    const references = verifier.getSignedReferences();
    if (references.length !== 1 || references[0] !== canonical(parseXml(sentXml))) throw failed('signed a different document');
    const valid = await verifySignatureValue({
      spki: certificate.subjectPublicKeyInfo,
      signatureOid: algorithm.signatureOid,
      signed: new TextEncoder().encode(captured.signedInfo),
      signature: bytesOfBase64(captured.signatureValue),
      crypto,
    });
    if (!valid) throw failed('signature does not verify');
    return { certificate, der };
  } catch (error) {
    throw error instanceof HostError ? error : failed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Throws unless `cmsBase64` is one detached CMS by `signer` (the key that signed the XML, already checked) over
 * `digest` under the key's own hash `digestOid`. The shared SignerInfo check does the cryptography; the certificate it
 * verified with must be the XML's, so a CMS by any other key, NCA-issued or not, is refused.
 */
async function verifyAttachmentCms(cmsBase64: string, signer: SignerCertificate, digestOid: string, digest: Uint8Array): Promise<void> {
  let signedData: pkijs.SignedData;
  try {
    signedData = parseSignedData(bytesOfBase64(cmsBase64));
  } catch (error) {
    throw failed(`attachment signature unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (encapsulatedContent(signedData)) throw failed('attachment signature is not detached');
  const checked = await checkSignerInfo(signedData, { content: precomputedDigests({ [digestOid]: digest }), crypto });
  if (!checked.ok) throw failed(`attachment signature: ${checked.reason}`);
  if (!bytesEqual(new Uint8Array(checked.certificate.toSchema().toBER(false)), signer.der)) throw failed('attachment signed with another key');
}

/** `outputCert`'s certificate, base64 DER or PEM, must be the one that signed. */
function checkOutputCertificate(certificate: string | undefined, signer: SignerCertificate): void {
  if (certificate === undefined) return;
  const der = bytesOfBase64(certificate.replace(/-----[^-]+-----/g, ''));
  if (!bytesEqual(der, signer.der)) throw failed('NCALayer named another certificate than the one that signed');
}

export function createNcaLayerKeyStore(options: NcaLayerKeyStoreOptions): KeyStore {
  const { locale, connectTimeoutMs, ...connection } = options;
  return {
    list: async () => [{ id: NCALAYER_KEY_ID, fileName: 'NCALayer', kind: 'sign', algorithm: null }],

    // The password argument is unused: the operator types it into NCALayer's dialog.
    async signPackage(keyId, _password, xml, policy, attachments: readonly AttachmentToSign[] = []) {
      if (keyId !== NCALAYER_KEY_ID) throw new HostError('keys.notFound');
      const call: NcaLayerCallOptions = {
        ...connection,
        expectedIin: policy.expectedIin,
        // The profile's CA certificates, so NCALayer enables keys of the NCA test PKI in the "NCA test" profile.
        chainPem: policy.trust.anchorsPem,
        locale: locale(),
        timeoutMs: connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      };
      const signed = await signXmlWithNcaLayer({ ...call, xml });
      if (!signed.ok) throw ncaLayerError(signed);
      const signedXml = signed.signatures[0]!;
      const signerCertificate = await verifySignedXml(signedXml, xml);
      checkOutputCertificate(signed.certificate, signerCertificate);
      // NCALayer's KeyInfo holds the signer certificate alone, so the intermediate must be among the pinned anchors.
      const signer = await checkSigningCertificate(signerCertificate.der, [], policy);
      if (attachments.length === 0) return { signedXml, attachmentSignatures: [], signer };

      // NCALayer signs a digest as its key's own hash, so the key (known now, from the XML) decides how to hash.
      const keyAlgorithm = keyAlgorithmOf(signerCertificate.certificate.subjectPublicKeyInfo)!;
      const digestOid = digestOidForKey(keyAlgorithm);
      const digests: Uint8Array[] = [];
      for (const attachment of attachments) digests.push(await digestByOid(digestOid, await attachment.read(), crypto));
      const cms = await signDigestsWithNcaLayer({ ...call, digests });
      if (!cms.ok) throw ncaLayerError(cms);
      checkOutputCertificate(cms.certificate, signerCertificate);
      for (const [index, cmsBase64] of cms.signatures.entries()) await verifyAttachmentCms(cmsBase64, signerCertificate, digestOid, digests[index]!);
      return { signedXml, attachmentSignatures: attachments.map((attachment, index) => ({ sha256: attachment.sha256, cmsBase64: cms.signatures[index]! })), signer };
    },
  };
}
