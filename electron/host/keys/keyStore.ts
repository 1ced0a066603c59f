/**
 * The port the signing sessions talk to. Two back-ends are planned: a folder of NCA PKCS#12 files
 * (offline fallback, RSA only) and NCALayer (GOST, tokens, ID cards; eds.md "Recommendations" §1),
 * so nothing here may assume a key is a file the host can open.
 */
import type { z } from 'zod';
import type { signerSchema } from '../../../shared/host/hostApi';

export interface KeyFileEntry {
  id: string;
  fileName: string;
  /** From NCA's file-name prefix: RSA256_ signs, AUTH_ authenticates, GOST needs NCALayer. */
  kind: 'sign' | 'auth' | 'gost' | 'unknown';
}

/** Who signed, as the renderer shows it; the same shape the host API returns. */
export type Signer = z.infer<typeof signerSchema>;

export interface SigningPolicy {
  /** The logged-in operator's IIN: a signature must be theirs. */
  expectedIin: string;
  /** Pinned trust anchors (roots, and intermediates if a key file lacks them), PEM. */
  trustedRootsPem: string[];
  /** The instant the certificate must be valid at. */
  at: Date;
  /** Throws HostError('keys.revoked' | 'keys.crlStale' | 'keys.crlMissing') unless the cached CRL clears the certificate. */
  checkRevocation(certificatePem: string): Promise<void>;
}

/** A detached CMS signature over one attachment, named by the attachment's SHA-256 (hex). */
export interface AttachmentSignature {
  sha256: string;
  cmsBase64: string;
}

export interface SignedPackage {
  signedXml: string;
  /** One per attachment digest asked for; a back-end that cannot sign attachments returns none. */
  attachmentSignatures: AttachmentSignature[];
  signer: Signer;
}

export interface KeyStore {
  list(): Promise<KeyFileEntry[]>;
  /**
   * Signs `xml` as an enveloped XMLDSig and each attachment digest as a detached CMS, with one unlocking of the
   * key; throws HostError('keys.*') when the key may not sign for the policy.
   */
  signPackage(keyId: string, password: string, xml: string, policy: SigningPolicy, attachmentDigestsHex?: string[]): Promise<SignedPackage>;
}
