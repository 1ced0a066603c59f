import { useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../shared/i18n/messages';
import { changeLanguage } from '../i18n/i18n';
import { PasswordChangeForm } from '../features/login/PasswordChangeForm';
import { Dialog } from './Dialog';
import { AppServicesContext, useAppServices, useHostServices } from './appContext';
import { UpdateButton } from './updates';
import { useOutboxCounts } from './useOutboxCounts';
import { setSyncPaused } from '../sync/useOutboxEngine';

/** Results that came back while the operator works: a calm notice each, until dismissed. */
function ResultArrivals() {
  const { t } = useTranslation();
  const { sync } = useAppServices();
  if (sync.arrivals.length === 0) return null;
  return (
    <ul className="arrivals" aria-live="polite" data-testid="result-arrivals">
      {sync.arrivals.map((entry) => (
        <li key={entry.id} className="notice">
          {t('sync.resultArrived', { number: entry.registrationNumber ?? entry.id })} — {t(`sync.state_${entry.state}`)}{' '}
          <button type="button" className="secondary" onClick={() => sync.dismissArrival(entry.id)}>
            {t('sync.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The logged-in operator's own password, changed from any screen (the current one is asked for). */
function OwnPassword() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  return (
    <>
      <button type="button" id="open-password" className="secondary" onClick={() => (setChanged(false), setOpen(true))}>
        {changed ? `${t('password.open')} ✓` : t('password.open')}
      </button>
      {open && (
        <Dialog titleId="password-title" title={t('password.title')} onEscape={() => setOpen(false)}>
          <PasswordChangeForm onChanged={() => (setChanged(true), setOpen(false))} onCancel={() => setOpen(false)} />
        </Dialog>
      )}
    </>
  );
}

/** Link state, queue depth and the sync controls: there once the store of record is open (after the first login). */
function SyncHeader({ reachable }: { reachable: boolean | null }) {
  const { t } = useTranslation();
  const { syncNow, sync } = useAppServices();
  const { queueDepth, needsAttention } = useOutboxCounts();
  const { paused } = sync.status;
  const link = reachable === null ? 'unknown' : reachable ? 'online' : 'offline';
  return (
    <>
      <span className={`link-state ${link}`} data-testid="link-state" data-link={link}>
        {t(link === 'unknown' ? 'shell.linkUnknown' : link === 'online' ? 'shell.linkOnline' : 'shell.linkOffline')}
      </span>
      <span data-testid="queue-depth" data-count={queueDepth}>
        {t('shell.queueDepth', { count: queueDepth })}
      </span>
      {needsAttention > 0 && (
        <span className="badge attention" data-testid="needs-attention" data-count={needsAttention}>
          {t('sync.needsAttention', { count: needsAttention })}
        </span>
      )}
      <button type="button" className="secondary" onClick={syncNow} disabled={paused}>
        {t('shell.syncNow')}
      </button>
      <button type="button" className="secondary" aria-pressed={paused} data-testid="sync-pause" onClick={() => setSyncPaused(sync.engine, !paused)}>
        {t(paused ? 'sync.resume' : 'sync.pause')}
      </button>
    </>
  );
}

function SyncBanners() {
  const { t } = useTranslation();
  const { paused, authRefused } = useAppServices().sync.status;
  return (
    <>
      {(paused || authRefused) && (
        <p className="banner warning" role="status">
          {paused ? t('sync.paused') : t('sync.authRefused')}
        </p>
      )}
      <ResultArrivals />
    </>
  );
}

/** The header every screen shares: link state and queue depth are always in sight once the store is open. */
export function Shell({ reachable, operatorName, onLogout, onLock, children }: { reachable: boolean | null; operatorName?: string; onLogout?: () => void; onLock?: () => void; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { info } = useHostServices();
  const storeOpen = useContext(AppServicesContext) !== null;
  return (
    <>
      <header className="shell">
        <strong>Qabyl</strong>
        {info.training && <span className="badge training">{t('app.training')}</span>}
        {storeOpen && <SyncHeader reachable={reachable} />}
        {info.shell === 'electron' && <UpdateButton />}
        <span className="spacer" />
        <label>
          <span className="visually-hidden">{t('app.language')}</span>
          <select value={i18n.language} onChange={(event) => void changeLanguage(event.target.value as Language)} aria-label={t('app.language')}>
            {languages.map((language) => (
              <option key={language} value={language}>
                {language.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        {operatorName && (
          <span>
            {t('shell.operator')}: {operatorName}
          </span>
        )}
        {onLogout && <OwnPassword />}
        {onLock && (
          <button type="button" id="lock-now" className="secondary" onClick={onLock}>
            {`${t('lock.lockNow')} (Alt+K)`}
          </button>
        )}
        {onLogout && (
          <button type="button" className="secondary" onClick={onLogout}>
            {t('shell.logout')}
          </button>
        )}
      </header>
      {storeOpen && <SyncBanners />}
      {children}
    </>
  );
}
