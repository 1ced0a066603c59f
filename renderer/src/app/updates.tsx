import { useEffect, useState } from 'react';
import { unsentStates } from '../../../shared/sync/outbox';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../shared/host/hostApi';
import { useAppServices, useHostServices } from './appContext';

const STATUS_POLL_MS = 60_000;

/** Tells the host whether a restart now would interrupt the operator: a request open, or requests waiting to go. */
export function useReportActivity(operatorBusy: boolean): void {
  const { db, host } = useAppServices();
  const outboxPending = useLiveQuery(() => db.outbox.where('state').anyOf([...unsentStates]).count(), [db]) ?? 0;
  useEffect(() => {
    host.call('updates.reportActivity', { operatorBusy, outboxPending }).catch(() => undefined);
  }, [host, operatorBusy, outboxPending]);
}

/** "Install and restart" once an update is downloaded; the host still refuses while a request is open. */
export function UpdateButton() {
  const { t } = useTranslation();
  const { host } = useHostServices();
  const [state, setState] = useState<HostResult<'updates.status'> | null>(null);
  const [waits, setWaits] = useState(false);
  useEffect(() => {
    const poll = () => host.call('updates.status', {}).then(setState, () => undefined);
    void poll();
    const timer = setInterval(() => void poll(), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [host]);
  if (state?.phase !== 'downloaded') return null;
  const install = async () => setWaits(!(await host.call('updates.install', {})).install);
  return (
    <>
      <button type="button" onClick={() => void install()}>
        {t('shell.installUpdate', { version: state.version ?? '' })}
      </button>
      {waits && <span className="small">{t('shell.updateWaits')}</span>}
    </>
  );
}
