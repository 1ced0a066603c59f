/**
 * Keeps the cached CRLs fresh while the link is up (at start, then every half hour) and answers the signing act's
 * revocation question: the CA's OCSP responder first (online, the freshest word), then the cached full and delta CRLs
 * (offline, or when the responder gives no trustworthy answer); a stale or missing list gets one refresh attempt
 * before it blocks signing, and is refreshed in the background when OCSP answered, for the next offline signature.
 */
import { HostError } from '../../../shared/host/hostError';
import type { CrlCache, CrlStatus } from './crlCache';
import type { OcspChecker } from './ocspClient';

const REFRESH_EVERY_MS = 30 * 60_000;

export interface RevocationWatch {
  check(certificatePem: string): Promise<void>;
  status(): Promise<CrlStatus>;
  stop(): void;
}

export function startRevocationWatch({
  cache,
  ocsp,
  refreshEveryMs = REFRESH_EVERY_MS,
  onOcspUnavailable,
}: {
  cache: CrlCache;
  ocsp?: OcspChecker;
  refreshEveryMs?: number;
  /** Why OCSP gave no answer (offline, untrusted responder…), for the log; the CRLs then decide. */
  onOcspUnavailable?: (reason: string) => void;
}): RevocationWatch {
  const refresh = () => cache.refresh().catch((error: unknown) => console.error('CRL refresh failed', error));
  void refresh();
  const timer = setInterval(() => void refresh(), refreshEveryMs);
  timer.unref();
  return {
    async check(certificatePem) {
      const answer = ocsp ? await ocsp.check(certificatePem) : null;
      if (answer?.status === 'revoked') throw new HostError('keys.revoked');
      // Asked in any case: it learns the certificate's distribution points for the offline days.
      let verdict = await cache.checkCertificate(certificatePem);
      if (answer?.status === 'good') {
        // Online and answered; the lists are fetched in the background so they are there when the link is not.
        if (!verdict.ok && verdict.code !== 'keys.revoked') void refresh();
        return;
      }
      if (answer) onOcspUnavailable?.(answer.reason);
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
