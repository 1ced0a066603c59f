import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/backup/backupManifest';
import { exportStoredRows } from '../../db/backupRows';

/** Settings → Backup (administrator): the whole workstation into one encrypted file in the backup folder (a setting above). */
export function BackupPanel() {
  const { t } = useTranslation();
  const { host, db } = useAppServices();
  const errorText = useErrorText();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) return setMessage({ ok: false, text: t('backup.passphraseShort') });
    if (passphrase !== repeat) return setMessage({ ok: false, text: t('backup.passphrasesDiffer') });
    setBusy(true);
    try {
      const show = (progress: { rows: number; documents: number }) => setMessage({ ok: true, text: t('backup.progress', progress) });
      const { backupId } = await host.call('backup.begin', { passphrase });
      await exportStoredRows({ name: db.name }, (table, rowsJson) => host.call('backup.addRows', { backupId, table, rowsJson }).then(() => undefined), (rows) => show({ rows, documents: 0 }));
      // The host adds the documents inside finish; its progress is asked for meanwhile.
      const polling = setInterval(() => void host.call('backup.status', { backupId }).then(show, () => undefined), 500);
      const made = await host.call('backup.finish', { backupId }).finally(() => clearInterval(polling));
      setMessage({ ok: true, text: t('backup.done', { ...made, megabytes: (made.bytes / 1024 / 1024).toFixed(1) }) });
      setPassphrase('');
      setRepeat('');
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void start(event)} noValidate>
      <fieldset>
        <legend>{t('backup.title')}</legend>
        <p className="muted small">{t('backup.hint')}</p>
        <TextField id="backup-passphrase" label={t('backup.passphrase')} type="password" value={passphrase} onChange={setPassphrase} />
        <TextField id="backup-passphraseRepeat" label={t('backup.passphraseRepeat')} type="password" value={repeat} onChange={setRepeat} />
        {message && (
          <p className={message.ok ? 'notice' : 'error'} role="alert" data-testid="backup-message">
            {message.text}
          </p>
        )}
        <button type="submit" className="secondary" id="backup-start" disabled={busy}>
          {t('backup.start')}
        </button>
      </fieldset>
    </form>
  );
}
