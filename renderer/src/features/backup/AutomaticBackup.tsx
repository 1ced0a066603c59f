/**
 * The renderer's part of the automatic backup (electron/host/backup/automaticBackup.ts): the runner that sends the
 * store's rows whenever the host says a backup is due, the failure line supervisors and administrators see, and the
 * administrator's key form. The operator never sees or waits for any of it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/backup/backupManifest';
import type { HostResult } from '../../../../shared/host/hostApi';
import type { HostErrorCode } from '../../../../shared/host/hostError';
import { mayCall, type Role } from '../../../../shared/host/methodAccess';
import { useAppServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import { exportStoredRows } from '../../db/backupRows';
import { HostCallError } from '../../host/hostClient';

/** How often the page asks whether a backup is due: a day's backup, or the one before a downloaded update. */
const DUE_POLL_MS = 60_000;
/** The first look waits a little: a login is not the moment to read the whole store. */
const FIRST_LOOK_MS = 10_000;

/** Runs the automatic backup in the background while a session is open (also behind the lock screen). */
export function useAutomaticBackup(): void {
  const { host, db } = useAppServices();
  useEffect(() => {
    let running = false;
    const look = async () => {
      if (running) return;
      running = true;
      try {
        if (!(await host.call('autoBackup.due', {})).due) return;
        const { backupId } = await host.call('autoBackup.begin', {});
        await exportStoredRows({ name: db.name }, (table, rowsJson) => host.call('autoBackup.addRows', { backupId, table, rowsJson }).then(() => undefined));
        await host.call('autoBackup.finish', { backupId });
      } catch {
        // The host has logged it and keeps it for the status line; the operator's work goes on.
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void look(), FIRST_LOOK_MS);
    const timer = setInterval(() => void look(), DUE_POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [host, db]);
}

type Status = HostResult<'autoBackup.status'>;

function useAutomaticBackupStatus(enabled: boolean, pollMs: number): [Status | null, () => void] {
  const { host } = useAppServices();
  const [status, setStatus] = useState<Status | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const load = () => void host.call('autoBackup.status', {}).then(setStatus, () => undefined);
    load();
    const timer = setInterval(load, pollMs);
    return () => clearInterval(timer);
  }, [host, enabled, pollMs, asked]);
  return [status, () => setAsked((count) => count + 1)];
}

/** What the last automatic backup did, in words: its file, or why it failed (the host's error code, as the screen names it). */
function StatusLine({ status }: { status: Status }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (status.lastFailure) {
    // The host kept its error code; the sentence is the one the same refusal gets anywhere else.
    const reason = errorText(new HostCallError(status.lastFailure.code as HostErrorCode, status.lastFailure.detail));
    return (
      <p className="error" role="alert" data-testid="autoBackup-failure">
        {t('autoBackup.failed', { at: new Date(status.lastFailure.at).toLocaleString(), reason })}
      </p>
    );
  }
  return (
    <p className="muted small" data-testid="autoBackup-status">
      {status.lastSuccessAt ? t('autoBackup.lastSuccess', { at: new Date(status.lastSuccessAt).toLocaleString(), fileName: status.lastFileName ?? '' }) : t('autoBackup.never')}
    </p>
  );
}

/** For supervisors and administrators, above their desk: shown only while the automatic backup is failing. */
export function AutomaticBackupAlert({ role }: { role: Role }) {
  const [status] = useAutomaticBackupStatus(mayCall('supervisor', role), 5 * 60_000);
  if (!status?.enabled || !status.lastFailure) return null;
  return <StatusLine status={status} />;
}

/** Settings → Automatic backup (administrator): the key, set once, and the last outcome. Folder, count and on/off are settings fields. */
export function AutomaticBackupPanel() {
  const { t } = useTranslation();
  const { host } = useAppServices();
  const errorText = useErrorText();
  const [status, reload] = useAutomaticBackupStatus(true, 60_000);
  const [key, setKey] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (key.length < MIN_PASSPHRASE_LENGTH) return setMessage({ ok: false, text: t('backup.passphraseShort') });
    if (key !== repeat) return setMessage({ ok: false, text: t('backup.passphrasesDiffer') });
    try {
      await host.call('autoBackup.setKey', { passphrase: key });
      setKey('');
      setRepeat('');
      setMessage({ ok: true, text: t('autoBackup.keySaved') });
      reload();
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <fieldset>
        <legend>{t('autoBackup.title')}</legend>
        <p className="muted small">{t('autoBackup.hint')}</p>
        {status && <p className={status.keySet ? 'muted small' : 'error'} data-testid="autoBackup-key">{t(status.keySet ? 'autoBackup.keySet' : 'autoBackup.keyNotSet')}</p>}
        {status && <StatusLine status={status} />}
        <TextField id="autoBackup-key" label={t('autoBackup.key')} type="password" value={key} onChange={setKey} />
        <TextField id="autoBackup-keyRepeat" label={t('autoBackup.keyRepeat')} type="password" value={repeat} onChange={setRepeat} />
        {message && (
          <p className={message.ok ? 'notice' : 'error'} role="alert" data-testid="autoBackup-message">
            {message.text}
          </p>
        )}
        <button type="submit" className="secondary" id="autoBackup-setKey">
          {t('autoBackup.setKey')}
        </button>
      </fieldset>
    </form>
  );
}
