import { useEffect } from 'react';
import { useAppServices } from '../../app/appContext';
import { sweepRetention } from '../../db/retention';

/** A few times a working day is enough: the policy counts in days. */
const SWEEP_EVERY_MS = 4 * 60 * 60 * 1000;

/** The retention sweep while an operator is logged in (the host's documents.purge needs one): at once, then every few hours. */
export function useRetentionSweep(): void {
  const { db, host, info } = useAppServices();
  useEffect(() => {
    let running = false;
    const sweep = async () => {
      if (running) return;
      running = true;
      try {
        await sweepRetention(db, { retentionDays: info.retentionDays, now: new Date(), purge: (sha256s) => host.call('documents.purge', { sha256s }) });
      } catch (failure) {
        // Nothing is lost by a sweep that did not run: the same files are due again at the next one.
        console.warn('retention sweep failed', failure);
      } finally {
        running = false;
      }
    };
    void sweep();
    const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
    return () => clearInterval(timer);
  }, [db, host, info.retentionDays]);
}
