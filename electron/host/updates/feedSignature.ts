/**
 * The update feed's signature (issue 16, item 3): latest.yml names the installer and its SHA-512, so whoever can
 * change latest.yml (the intranet web server, anyone on the way to it) chooses what gets installed. The release
 * signs latest.yml's exact bytes with Ed25519 into latest.yml.sig (base64; scripts/signUpdateFeed.ts), and the app
 * uses a feed only after its signature verifies under a key pinned in the app itself — never one from the
 * settings or the feed, which the same person could change. TLS to the feed is not relied on for this.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { UpdateFeedError } from './updateFeedError';

/**
 * The release's Ed25519 public keys (SPKI PEM). Release engineering adds its key here before building; a build
 * with none refuses every feed (it cannot tell a real release from a forged one). Two during a key rollover.
 */
export const PINNED_UPDATE_KEYS: readonly string[] = [];

export const signatureFileName = (feedFile: string): string => `${feedFile}.sig`;

/** Base64 Ed25519 signature over the feed file's bytes. */
export function signUpdateFeed(feed: Uint8Array, privateKeyPem: string): string {
  return sign(null, feed, createPrivateKey(privateKeyPem)).toString('base64');
}

/** Throws `update.unsigned` without a signature or a pinned key, `update.signatureInvalid` when none verifies. */
export function verifyUpdateFeed(feed: Uint8Array, signatureText: string | null, publicKeysPem: readonly string[]): void {
  if (publicKeysPem.length === 0) throw new UpdateFeedError('update.unsigned', 'this build pins no update signing key');
  if (signatureText === null) throw new UpdateFeedError('update.unsigned', 'the feed has no signature file');
  const signature = Buffer.from(signatureText.trim(), 'base64');
  const verifies = publicKeysPem.some((pem) => {
    try {
      return verify(null, feed, createPublicKey(pem), signature);
    } catch {
      return false;
    }
  });
  if (!verifies) throw new UpdateFeedError('update.signatureInvalid', 'the feed does not verify under the pinned update key');
}
