import { describe, expect, it } from 'vitest';
import type { CrlCache, RevocationCheck } from './crlCache';
import { startRevocationWatch } from './revocationWatch';

/** A cache whose verdicts are scripted, to see when the watch refreshes and what it lets through. */
function scriptedCache(verdicts: RevocationCheck[]) {
  let refreshes = 0;
  const cache: CrlCache = {
    refresh: async () => {
      refreshes += 1;
      return { ok: false, reason: 'fetchFailed', detail: 'offline', status: { fetchedAt: null, thisUpdate: null, nextUpdate: null, ageMs: null, stale: true } };
    },
    status: async () => ({ fetchedAt: null, thisUpdate: null, nextUpdate: null, ageMs: null, stale: true }),
    checkCertificate: async () => verdicts.shift() ?? { ok: true },
  };
  return { cache, refreshes: () => refreshes };
}

describe('revocation watch', () => {
  it('refuses a revoked certificate at once, without hoping a refresh un-revokes it', async () => {
    const { cache, refreshes } = scriptedCache([{ ok: false, code: 'keys.revoked' }]);
    const watch = startRevocationWatch({ cache });
    const before = refreshes();
    await expect(watch.check('pem')).rejects.toMatchObject({ code: 'keys.revoked' });
    expect(refreshes()).toBe(before);
    watch.stop();
  });

  it('tries one refresh when the list is stale, and signs if the fresh list clears the key', async () => {
    const { cache, refreshes } = scriptedCache([{ ok: false, code: 'keys.crlStale' }, { ok: true }]);
    const watch = startRevocationWatch({ cache });
    const before = refreshes();
    await expect(watch.check('pem')).resolves.toBeUndefined();
    expect(refreshes()).toBe(before + 1);
    watch.stop();
  });

  it('blocks signing while the list stays stale or missing', async () => {
    const { cache } = scriptedCache([{ ok: false, code: 'keys.crlMissing' }, { ok: false, code: 'keys.crlMissing' }]);
    const watch = startRevocationWatch({ cache });
    await expect(watch.check('pem')).rejects.toMatchObject({ code: 'keys.crlMissing' });
    watch.stop();
  });
});
