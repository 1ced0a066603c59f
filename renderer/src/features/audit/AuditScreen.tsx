import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions, type AuditAction, type AuditEntry, type AuditVerification } from '../../../../shared/audit/auditEntry';
import { useAppServices } from '../../app/appContext';
import { saveFile } from '../../app/saveJsonFile';
import { useErrorText } from '../../app/useErrorText';
import type { MessageKey } from '../../i18n/i18n';

const PAGE = 100;
/** Long machine values (signatures, keys) say nothing on screen; the verify command checks them. */
const HIDDEN_DETAILS = new Set(['signature', 'publicKey', 'hash']);

// Messages name actions with _ for . (see Messages['auditAction']); replaceAll cannot say so in its type.
const actionKey = (action: AuditAction) => `auditAction.${action.replaceAll('.', '_')}` as MessageKey;

/** A copy to keep elsewhere and pin when verifying (`npm run audit:verify -- --public-key`). */
const savePublicKey = (fingerprint: string, pem: string) => saveFile(`qabyl-audit-key-${fingerprint.slice(0, 16)}.pem`, new Blob([pem], { type: 'application/x-pem-file' }));

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details ?? {})
    .filter(([name]) => !HIDDEN_DETAILS.has(name))
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

/** Supervisor and administrator: the workstation's audit log, newest first, and the integrity check. */
export function AuditScreen({ onBack }: { onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { host } = useAppServices();
  const errorText = useErrorText();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [day, setDay] = useState('');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [failure, setFailure] = useState('');
  const [verification, setVerification] = useState<AuditVerification | 'running' | null>(null);

  const load = useCallback(
    async (before?: number) => {
      try {
        const page = await host.call('audit.recent', { limit: PAGE, ...(before ? { before } : {}), ...(action ? { actions: [action] } : {}), ...(day ? { day } : {}) });
        setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
        setHasMore(page.hasMore);
        setFailure('');
      } catch (error) {
        setFailure(errorText(error));
      }
    },
    [host, action, day, errorText],
  );
  useEffect(() => void load(), [load]);

  async function verify() {
    setVerification('running');
    try {
      setVerification(await host.call('audit.verify', {}));
      await load();
    } catch (error) {
      setVerification(null);
      setFailure(errorText(error));
    }
  }

  /** ↑↓ move between rows of the list, as in the request list. */
  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>) {
    const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.key === 'ArrowUp' ? event.currentTarget.previousElementSibling : null;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  }

  return (
    <main className="card" onKeyDown={(event) => event.key === 'Escape' && onBack()}>
      <header className="request-header">
        <h1>{t('audit.title')}</h1>
        <div className="header-actions">
          <button type="button" id="audit-verify" onClick={() => void verify()} disabled={verification === 'running'}>
            {verification === 'running' ? t('audit.verifying') : t('audit.verify')}
          </button>
          <button type="button" className="secondary" onClick={onBack}>
            {t('request.back')} (Esc)
          </button>
        </div>
      </header>
      {verification && verification !== 'running' && (
        <div role="status" id="audit-verdict" className={verification.ok ? 'notice' : 'error'}>
          <p>{verification.firstProblem ? t(`auditProblem.${verification.firstProblem.kind}`, { seq: verification.firstProblem.seq, ...verification.firstProblem.missing }) : t('audit.intact', { entries: verification.entries.toLocaleString(i18n.language), checkpoints: verification.checkpoints })}</p>
          {verification.keyFingerprint && verification.publicKeyPem && (
            <p className="small">
              {t('audit.keyFingerprint')}: <span className="mono">{verification.keyFingerprint.match(/.{1,4}/g)?.slice(0, 8).join(' ')}</span>{' '}
              <button type="button" className="secondary" id="audit-save-key" title={t('audit.saveKeyHint')} onClick={() => savePublicKey(verification.keyFingerprint ?? '', verification.publicKeyPem ?? '')}>
                {t('audit.saveKey')}
              </button>
            </p>
          )}
        </div>
      )}
      <div className="filters">
        <label>
          {t('audit.action')}{' '}
          <select id="audit-action" value={action} onChange={(event) => setAction(event.target.value as AuditAction | '')} autoFocus>
            <option value="">{t('audit.anyAction')}</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {t(actionKey(name))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.day')} <input type="date" id="audit-day" value={day} onChange={(event) => setDay(event.target.value)} />
        </label>
      </div>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {entries.length === 0 && !failure && <p className="muted">{t('audit.empty')}</p>}
      {entries.length > 0 && (
        <>
          <p className="muted small">{t('audit.keys')}</p>
          <table className="requests" aria-label={t('audit.list')} data-testid="audit-entries">
            <thead>
              <tr>
                <th>{t('audit.seq')}</th>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.subject')}</th>
                <th>{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq} tabIndex={0} onKeyDown={onRowKey} data-action={entry.action}>
                  <td className="mono">{entry.seq}</td>
                  <td>{new Date(entry.at).toLocaleString(i18n.language, { timeZone: 'Asia/Almaty' })}</td>
                  <td>{entry.actor === 'workstation' ? t('audit.workstation') : entry.actor.login}</td>
                  <td>{t(actionKey(entry.action))}</td>
                  <td className="mono small">{entry.subject ?? ''}</td>
                  <td className="small">{detailsText(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {hasMore && (
            <button type="button" className="secondary" onClick={() => void load(entries.at(-1)?.seq)}>
              {t('audit.more')}
            </button>
          )}
        </>
      )}
    </main>
  );
}
