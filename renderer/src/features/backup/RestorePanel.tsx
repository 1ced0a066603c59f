import { useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupManifest } from '../../../../shared/backup/backupManifest';
import { AppServicesContext, useHostServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import { importStoredRows, mayRestoreInto } from '../../db/backupRows';
import { DEFAULT_DATABASE_NAME, QabylDatabase } from '../../db/database';

/** Disaster recovery onto a new or replaced workstation: check the backup, show what it holds, then restore and reload. */
/** `onCancel`: on the first-run screen, back to creating the first account; in Settings the panel simply stays. */
export function RestorePanel({ onCancel }: { onCancel?: () => void }) {
  const { t } = useTranslation();
  const { host } = useHostServices();
  // On the first-run screen the store of record is not open yet (it opens after a login); rows go in as stored.
  const databaseName = useContext(AppServicesContext)?.db.name ?? DEFAULT_DATABASE_NAME;
  const errorText = useErrorText();
  const [folder, setFolder] = useState('');
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const [manifest, setManifest] = useState<BackupManifest | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const rowsOf = (found: BackupManifest) => Object.values(found.tables).reduce((sum, count) => sum + count, 0);

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await step();
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    } finally {
      setBusy(false);
    }
  }

  /** The newest automatic backup in `where` (empty: the folder the settings name); its path is put in and the key asked next. */
  const findNewest = async (where: string, quiet: boolean) => {
    const { folder: searched, newest } = await host.call('autoBackup.newest', where.trim() ? { folder: where } : {});
    setFolder(searched);
    if (newest) {
      setPath(newest.path);
      setManifest(null);
      setMessage({ ok: true, text: t('autoBackup.found', { fileName: newest.fileName }) });
      document.getElementById('restore-passphrase')?.focus();
    } else if (!quiet) setMessage({ ok: false, text: t('autoBackup.noneFound', { folder: searched }) });
  };
  // The offer: where the settings already name the automatic backups' folder, its newest file is put in at once.
  useEffect(() => {
    void findNewest('', true).catch(() => undefined);
    // Once, when the panel opens: later searches are the administrator's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => confirmButton.current?.focus(), [manifest]);

  const find = (event: FormEvent) => {
    event.preventDefault();
    void run(() => findNewest(folder, false));
  };

  const inspect = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => setManifest(await host.call('backup.inspect', { path, passphrase })));
  };

  const restore = () =>
    run(async () => {
      const database = { name: databaseName };
      // On a fresh browser profile the store of record does not exist before the first login opens it: its tables
      // are made here under throwaway keys (no row is written under them; the restore replaces every table).
      const schema = new QabylDatabase({ fieldKey: crypto.getRandomValues(new Uint8Array(32)), indexKey: crypto.getRandomValues(new Uint8Array(32)) }, databaseName);
      await schema.open();
      schema.close();
      if (!(await mayRestoreInto(database))) return setMessage({ ok: false, text: t('errors.backup.notEmpty') });
      const { restoreId, manifest: restored } = await host.call('backup.restore', { path, passphrase });
      await importStoredRows(database, Object.keys(restored.tables), (table, page) => host.call('backup.readRows', { restoreId, table, page }), (rows) =>
        setMessage({ ok: true, text: t('backup.restoring', { rows }) }),
      );
      setMessage({ ok: true, text: t('backup.restored') });
      // The app opens again with the restored accounts and the restored data key's field keys.
      window.location.reload();
    });

  return (
    <section>
      <h2>{t('backup.restoreTitle')}</h2>
      <p>{t('backup.restoreHint')}</p>
      <form onSubmit={find} noValidate>
        <TextField id="restore-folder" label={t('autoBackup.restoreFolder')} value={folder} onChange={setFolder} autoFocus={Boolean(onCancel)} />
        <button type="submit" className="secondary" id="restore-findNewest" disabled={busy}>
          {t('autoBackup.findNewest')}
        </button>
      </form>
      <form onSubmit={inspect} noValidate>
        <TextField id="restore-path" label={t('backup.path')} value={path} onChange={setPath} required />
        <TextField id="restore-passphrase" label={t('backup.passphrase')} type="password" value={passphrase} onChange={setPassphrase} required />
        {manifest && (
          <p className="notice" data-testid="restore-manifest">
            {t('backup.manifest', { office: `${manifest.office.code} ${manifest.office.name}`, createdAt: manifest.createdAt, rows: rowsOf(manifest), documents: manifest.documents, appVersion: manifest.appVersion })}
          </p>
        )}
        {message && (
          <p className={message.ok ? 'notice' : 'error'} role="alert" data-testid="restore-message">
            {message.text}
          </p>
        )}
        <div className="actions">
          {onCancel && (
            <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
              {t('backup.cancel')}
            </button>
          )}
          <button type="submit" className="secondary" id="restore-inspect" disabled={busy}>
            {t('backup.inspect')}
          </button>
          {manifest && (
            <button type="button" id="restore-confirm" ref={confirmButton} disabled={busy} onClick={() => void restore()}>
              {t('backup.confirm')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
