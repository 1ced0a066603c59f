/**
 * Keeps the cached CRL fresh while the link is up (at start, then every half hour) and answers the signing
 * act's revocation question: a stale or missing list gets one refresh attempt before it blocks signing.
 */
import { HostError } from '../../../shared/host/hostError';
import type { CrlCache, CrlStatus } from './crlCache';

const REFRESH_EVERY_MS = 30 * 60_000;

export interface RevocationWatch {
  check(certificatePem: string): Promise<void>;
  status(): Promise<CrlStatus>;
  stop(): void;
}

export function startRevocationWatch({ cache, refreshEveryMs = REFRESH_EVERY_MS }: { cache: CrlCache; refreshEveryMs?: number }): RevocationWatch {
  const refresh = () => cache.refresh().catch((error: unknown) => console.error('CRL refresh failed', error));
  void refresh();
  const timer = setInterval(() => void refresh(), refreshEveryMs);
  timer.unref();
  return {
    async check(certificatePem) {
      let verdict = await cache.checkCertificate(certificatePem);
      if (!verdict.ok && verdict.code !== 'keys.revoked') {
        await refresh();
        verdict = await cache.checkCertificate(certificatePem);
      }
      if (!verdict.ok) throw new HostError(verdict.code);
    },
    status: () => cache.status(),
    stop: () => clearInterval(timer),
  };
}
