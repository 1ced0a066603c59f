import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import { exportQueue, importQueueFile, queueImportMessage } from '../../db/queueTransfer';
import { saveJsonFile } from '../../app/saveJsonFile';
import { useRecordAction } from '../audit/useAuditRelay';

/** Moving unsent work to a replacement workstation: one file out, one file in. */
export function QueueTransfer() {
  const { t } = useTranslation();
  const { db, host, info, syncNow } = useAppServices();
  const errorText = useErrorText();
  const recordAudit = useRecordAction();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function exportToFile() {
    try {
      const bundle = await exportQueue(db, {
        office: info.office,
        now: new Date(),
        readDocument: async (sha256) => (await host.call('documents.get', { sha256 })).contentBase64,
      });
      saveJsonFile(`qabyl-queue-${info.office.code}-${bundle.exportedAt.slice(0, 10)}.qabyl`, bundle);
      recordAudit({ action: 'queue.exported', details: { count: bundle.items.length } });
      setMessage({ ok: true, text: t('settings.exported', { count: bundle.items.length }) });
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    }
  }

  async function importFromFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const result = await importQueueFile(db, await file.text(), {
        now: new Date(),
        storeDocument: (contentBase64) => host.call('documents.put', { contentBase64 }),
      });
      setMessage({ ok: true, text: t('settings.queueImported', result) });
      syncNow();
    } catch (failure) {
      const { key, values } = queueImportMessage(failure);
      setMessage({ ok: false, text: t(key, values) });
    }
  }

  return (
    <fieldset>
      <legend>{t('settings.queueTitle')}</legend>
      <p className="muted small">{t('settings.queueHint')}</p>
      {message && (
        <p className={message.ok ? 'notice' : 'error'} role="alert" data-testid="queue-message">
          {message.text}
        </p>
      )}
      <div className="header-actions">
        <button type="button" className="secondary" id="queue-export" onClick={() => void exportToFile()}>
          {t('settings.exportQueue')}
        </button>
        <button type="button" className="secondary" id="queue-import" onClick={() => fileInput.current?.click()}>
          {t('settings.importQueue')}
        </button>
        <input ref={fileInput} id="queue-file" type="file" accept=".qabyl,.json" hidden onChange={(event) => void importFromFile(event)} />
      </div>
    </fieldset>
  );
}
