import type { ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../shared/i18n/messages';
import { changeLanguage } from '../i18n/i18n';
import { useAppServices } from './appContext';
import { UpdateButton } from './updates';

/** The header every screen shares: link state and queue depth are always in sight. */
export function Shell({ reachable, operatorName, onLogout, children }: { reachable: boolean | null; operatorName?: string; onLogout?: () => void; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { db, info, syncNow } = useAppServices();
  const queueDepth = useLiveQuery(() => db.outbox.where('state').anyOf('queued', 'sending', 'retry_wait').count(), []) ?? 0;
  const link = reachable === null ? 'unknown' : reachable ? 'online' : 'offline';
  return (
    <>
      <header className="shell">
        <strong>Qabyl</strong>
        {info.training && <span className="badge training">{t('app.training')}</span>}
        <span className={`link-state ${link}`} data-testid="link-state" data-link={link}>
          {t(link === 'unknown' ? 'shell.linkUnknown' : link === 'online' ? 'shell.linkOnline' : 'shell.linkOffline')}
        </span>
        <span data-testid="queue-depth" data-count={queueDepth}>
          {t('shell.queueDepth', { count: queueDepth })}
        </span>
        <button type="button" className="secondary" onClick={syncNow}>
          {t('shell.syncNow')}
        </button>
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
        {onLogout && (
          <button type="button" className="secondary" onClick={onLogout}>
            {t('shell.logout')}
          </button>
        )}
      </header>
      {children}
    </>
  );
}
