/**
 * The test CA's revocation, as NCA publishes it: a full CRL re-issued halfway through its validity, and a short-lived
 * delta CRL (deltaCRLIndicator naming its base) with what was revoked since that full CRL, re-issued at once on each
 * revocation and halfway through its own validity. Clients that refresh regularly never hold either past nextUpdate.
 * The OCSP responder reads the same register (revokedAt), so every channel tells the same story.
 */
import type { RevokedEntry, TestPki } from '../pki/testPki';

export interface CrlPublisher {
  /** Revokes a certificate by its serial (hex, any case), now. */
  revoke(serialHex: string): void;
  /** When the certificate was revoked, or null. */
  revokedAt(serialHex: string): Date | null;
  /** The current full CRL, DER; a stable value between re-issues. */
  crl(): Uint8Array;
  /** The current delta CRL over the current full CRL, DER; a stable value between re-issues. */
  deltaCrl(): Uint8Array;
}

const DAY_MS = 86_400_000;

interface Issued {
  der: Uint8Array;
  number: number;
  reissueAt: number;
  /** Serials the CRL lists. */
  covers: ReadonlySet<string>;
}

export function createCrlPublisher(opts: {
  testPki: Pick<TestPki, 'issueCrl'>;
  /** nextUpdate − thisUpdate of the full CRL. Default one day (NCA publishes daily). */
  validityMs?: number;
  /** nextUpdate − thisUpdate of the delta CRL. Default an hour. */
  deltaValidityMs?: number;
  now?: () => Date;
}): CrlPublisher {
  const validityMs = opts.validityMs ?? DAY_MS;
  const deltaValidityMs = opts.deltaValidityMs ?? DAY_MS / 24;
  const now = opts.now ?? (() => new Date());
  const revoked = new Map<string, Date>();
  let full: Issued | null = null;
  let delta: Issued | null = null;
  // Full and delta CRLs share one increasing number (RFC 5280 §5.2.3); seconds since the epoch keep it increasing
  // across sandbox restarts without a file.
  let lastNumber = 0;
  const nextNumber = (at: Date) => (lastNumber = Math.max(lastNumber + 1, Math.floor(at.getTime() / 1000)));
  const entries = (serials: Iterable<string>): RevokedEntry[] => [...serials].map((serial) => ({ serial, revokedAt: revoked.get(serial)! }));

  function currentFull(at: Date): Issued {
    if (!full || at.getTime() >= full.reissueAt) {
      const number = nextNumber(at);
      const { der } = opts.testPki.issueCrl({ revokedSerials: entries(revoked.keys()), thisUpdate: at, nextUpdate: new Date(at.getTime() + validityMs), crlNumber: number });
      full = { der, number, reissueAt: at.getTime() + validityMs / 2, covers: new Set(revoked.keys()) };
      delta = null;
    }
    return full;
  }

  return {
    revoke(serialHex) {
      const serial = serialHex.toLowerCase();
      if (!revoked.has(serial)) revoked.set(serial, now());
      delta = null;
    },
    revokedAt: (serialHex) => revoked.get(serialHex.toLowerCase()) ?? null,
    crl: () => currentFull(now()).der,
    deltaCrl() {
      const at = now();
      const base = currentFull(at);
      if (!delta || at.getTime() >= delta.reissueAt) {
        const since = [...revoked.keys()].filter((serial) => !base.covers.has(serial));
        const number = nextNumber(at);
        const { der } = opts.testPki.issueCrl({
          revokedSerials: entries(since),
          thisUpdate: at,
          nextUpdate: new Date(at.getTime() + deltaValidityMs),
          crlNumber: number,
          deltaOf: base.number,
        });
        delta = { der, number, reissueAt: at.getTime() + deltaValidityMs / 2, covers: new Set(since) };
      }
      return delta.der;
    },
  };
}
