/**
 * Key store backed by NCALayer (eds.md "Recommendations" §1): GOST keys, tokens and ID cards, with
 * NCALayer's own key and password dialog. NCALayer is another program answering on a local port, so
 * its answer is trusted only after the checks a PKCS#12 key gets, plus proof that the signature is
 * valid and covers exactly the document we asked it to sign.
 */
import { DOMParser, onWarningStopParsing, type Document } from '@xmldom/xmldom';
import { webcrypto } from 'node:crypto';
import forge from 'node-forge';
import { C14nCanonicalization, SignedXml } from 'xml-crypto';
import { HostError } from '../../../shared/host/hostError';
import { verifyDetachedCms } from '../../../shared/pki/detachedCms';
import { checkSigningCertificate, signerFromCertificate } from './certificateChecks';
import type { KeyStore } from './keyStore';
import { signDigestWithNcaLayer, signXmlWithNcaLayer, type NcaLayerErrorCode, type SignXmlWithNcaLayerOptions } from './ncaLayerClient';

// Node's WebCrypto is the standard API the shared PKI code is typed against.
const webCrypto = webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'];
const derOf = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

export const NCALAYER_KEY_ID = 'ncalayer';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

export interface NcaLayerKeyStoreOptions extends Pick<SignXmlWithNcaLayerOptions, 'url' | 'tlsCa' | 'dialogTimeoutMs' | 'WebSocketImpl'> {
  /** Read at every signing, so NCALayer's dialog follows the operator's current language. */
  locale: () => SignXmlWithNcaLayerOptions['locale'];
  /** Default 3 s: NCALayer is local, so a slow connection means it is not running. */
  connectTimeoutMs?: number;
}

type Verified = { ok: true; certificate: forge.pki.Certificate } | { ok: false; code: NcaLayerErrorCode; detail?: string };

const parseXml = (xml: string): Document => new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');

/** The document as the signature covers it: C14N 1.0 without comments, since URI="" drops them (XMLDSig same-document references). */
function canonical(document: Document): string {
  const root = document.documentElement;
  return root ? new C14nCanonicalization().process(root, {}) : '';
}

/** The signer certificate, if the signature verifies with it and covers the document that was sent. */
function verifySignedXml(signedXml: string, sentXml: string): Verified {
  const failed = (detail: string): Verified => ({ ok: false, code: 'keys.ncaLayerFailed', detail });
  try {
    const signatures = parseXml(signedXml).getElementsByTagNameNS(DSIG_NS, 'Signature');
    const signature = signatures.length === 1 ? signatures.item(0) : null;
    const certificateText = signature?.getElementsByTagNameNS(DSIG_NS, 'X509Certificate').item(0)?.textContent;
    if (!signature || !certificateText) return failed('expected one ds:Signature with a certificate');
    const der = forge.util.decode64(certificateText.replace(/\s+/g, ''));
    const certificate = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der));
    const verifier = new SignedXml({ publicCert: forge.pki.certificateToPem(certificate), getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature.toString());
    if (!verifier.checkSignature(signedXml)) return failed('signature does not verify');
    const signed = verifier.getSignedReferences();
    if (signed.length !== 1 || signed[0] !== canonical(parseXml(sentXml))) return failed('signed a different document');
    return { ok: true, certificate };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

function ncaLayerError({ code, detail }: { code: NcaLayerErrorCode; detail?: string }): HostError {
  return new HostError(code, detail);
}

export function createNcaLayerKeyStore(options: NcaLayerKeyStoreOptions): KeyStore {
  const { locale, connectTimeoutMs, ...connection } = options;
  return {
    list: async () => [{ id: NCALAYER_KEY_ID, fileName: 'NCALayer', kind: 'sign' }],

    // The password argument is unused: the operator types it into NCALayer's dialog.
    async signPackage(keyId, _password, xml, policy, attachmentDigestsHex = []) {
      if (keyId !== NCALAYER_KEY_ID) throw new HostError('keys.notFound');
      const call = { ...connection, expectedIin: policy.expectedIin, locale: locale(), timeoutMs: connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS };
      const signed = await signXmlWithNcaLayer({ ...call, xml });
      if (!signed.ok) throw ncaLayerError(signed);
      const verified = verifySignedXml(signed.signedXml, xml);
      if (!verified.ok) throw ncaLayerError(verified);
      // NCALayer's KeyInfo holds the signer certificate alone, so the intermediate must be among the pinned anchors.
      checkSigningCertificate(verified.certificate, [], policy);
      await policy.checkRevocation(forge.pki.certificateToPem(verified.certificate));
      const signer = signerFromCertificate(verified.certificate);
      // NCALayer cannot sign CMS arrays (eds.md §1): one call per attachment, each checked like the XML.
      const attachmentSignatures = [];
      for (const sha256 of attachmentDigestsHex) {
        const cms = await signDigestWithNcaLayer({ ...call, sha256: Buffer.from(sha256, 'hex') });
        if (!cms.ok) throw ncaLayerError(cms);
        const check = await verifyDetachedCms(new Uint8Array(Buffer.from(cms.cmsBase64, 'base64')), {
          contentDigest: Buffer.from(sha256, 'hex'),
          trustedCertificatesDer: policy.trustedRootsPem.map(derOf),
          crypto: webCrypto,
        });
        if (!check.ok) throw ncaLayerError({ code: 'keys.ncaLayerFailed', detail: check.reason });
        if (check.signer.iin !== signer.iin) throw ncaLayerError({ code: 'keys.ncaLayerFailed', detail: 'attachment signed with another key' });
        attachmentSignatures.push({ sha256, cmsBase64: cms.cmsBase64 });
      }
      return { signedXml: signed.signedXml, attachmentSignatures, signer };
    },
  };
}
