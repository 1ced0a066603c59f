/**
 * The test CA's CRL distribution point: keeps the revoked serials and re-issues the CRL, like a CA,
 * when a certificate is revoked and again halfway through each CRL's validity, so clients that
 * refresh regularly never hold one past nextUpdate.
 */
import type { TestPki } from '../pki/testPki';

export interface CrlPublisher {
  /** Revokes a certificate by its serial (hex, any case). */
  revoke(serialHex: string): void;
  /** The current CRL, DER; a stable value between re-issues. */
  crl(): Uint8Array;
}

const DAY_MS = 86_400_000;

export function createCrlPublisher(opts: {
  testPki: Pick<TestPki, 'issueCrl'>;
  /** nextUpdate − thisUpdate. Default one day (NCA publishes daily). */
  validityMs?: number;
  now?: () => Date;
}): CrlPublisher {
  const validityMs = opts.validityMs ?? DAY_MS;
  const now = opts.now ?? (() => new Date());
  const revoked = new Set<string>();
  let current: { der: Uint8Array; reissueAt: number } | null = null;

  return {
    revoke(serialHex) {
      revoked.add(serialHex.toLowerCase());
      current = null;
    },
    crl() {
      const thisUpdate = now();
      if (!current || thisUpdate.getTime() >= current.reissueAt) {
        const { der } = opts.testPki.issueCrl({
          revokedSerials: [...revoked],
          thisUpdate,
          nextUpdate: new Date(thisUpdate.getTime() + validityMs),
        });
        current = { der, reissueAt: thisUpdate.getTime() + validityMs / 2 };
      }
      return current.der;
    },
  };
}
