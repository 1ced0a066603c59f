/**
 * The port the signing sessions talk to. Two back-ends: a folder of NCA PKCS#12 files (RSA and GOST 2015) and
 * NCALayer (tokens, ID cards, legacy GOST 2004; eds.md "Recommendations" §1), so nothing here may assume a key is
 * a file the host can open.
 */
import type { z } from 'zod';
import type { signerSchema } from '../../../shared/host/hostApi';
import type { KeyAlgorithm } from '../../../shared/pki/signatureAlgorithms';
import type { WorkstationTrust } from '../trust/trustStore';
import type { RememberedCertificate } from './rememberedCertificates';

export interface KeyFileEntry {
  id: string;
  fileName: string;
  /** From NCA's file-name prefix: RSA256_ and GOST512_ sign, AUTH_ authenticates, GOSTKNCA_ (2004) needs NCALayer. */
  kind: 'sign' | 'auth' | 'gost' | 'unknown';
  /** From the file-name prefix too; null where the name does not say (NCALayer, a renamed file). */
  algorithm: KeyAlgorithm | null;
  /** The certificate remembered from the file's last unlock, while the file is unchanged (rememberedCertificates.ts). */
  certificate?: RememberedCertificate;
}

/** Who signed, as the renderer shows it; the same shape the host API returns. */
export type Signer = z.infer<typeof signerSchema>;

export interface SigningPolicy {
  /** The logged-in operator's IIN: a signature must be theirs. */
  expectedIin: string;
  /** The chosen trust profile's anchors and CRLs (trust/trustStore.ts); intermediates are anchors too. */
  trust: WorkstationTrust;
  /** The instant the certificate must be valid at (and the CMS signing time). */
  at: Date;
  /**
   * Throws HostError('keys.revoked' | 'keys.crlStale' | 'keys.crlMissing') unless the cached CRL clears the
   * certificate; not asked when a CRL of the profile current at `at` already cleared it.
   */
  checkRevocation(certificatePem: string): Promise<void>;
}

/**
 * An attachment to sign: named by its SHA-256 (hex), with its content, because each CMS carries the digest of the
 * key's own hash (Streebog-512 for GOST), which SHA-256 alone cannot give. Read only when the key can sign.
 */
export interface AttachmentToSign {
  sha256: string;
  read(): Promise<Uint8Array>;
}

/** A detached CMS signature over one attachment, named by the attachment's SHA-256 (hex). */
export interface AttachmentSignature {
  sha256: string;
  cmsBase64: string;
}

export interface SignedPackage {
  signedXml: string;
  /** One per attachment asked for; a back-end that cannot sign attachments returns none. */
  attachmentSignatures: AttachmentSignature[];
  signer: Signer;
}

export interface KeyStore {
  list(): Promise<KeyFileEntry[]>;
  /**
   * Signs `xml` as an enveloped XMLDSig and each attachment as a detached CMS, with one unlocking of the key;
   * throws HostError('keys.*') when the key may not sign for the policy.
   */
  signPackage(keyId: string, password: string, xml: string, policy: SigningPolicy, attachments?: readonly AttachmentToSign[]): Promise<SignedPackage>;
}
