import { useState } from 'react';
import { unsentStates } from '../../../../shared/sync/outbox';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app/appContext';
import { saveJsonFile } from '../../app/saveJsonFile';
import { useErrorText } from '../../app/useErrorText';

/** The help desk's bundle: queue counts from here, versions and scrubbed recent errors from the host. */
export function DiagnosticsExport() {
  const { t } = useTranslation();
  const { db, host } = useAppServices();
  const errorText = useErrorText();
  const [error, setError] = useState('');

  async function exportDiagnostics() {
    setError('');
    try {
      const entries = await db.outbox.toArray();
      const byState: Record<string, number> = {};
      for (const entry of entries) byState[entry.state] = (byState[entry.state] ?? 0) + 1;
      const waiting = entries.filter((entry) => unsentStates.includes(entry.state)).map((entry) => entry.enqueuedAt);
      const oldest = waiting.length ? new Date(Math.min(...waiting)).toISOString() : undefined;
      const diagnostics = await host.call('diagnostics.export', { queueSummary: { byState, ...(oldest ? { oldestQueuedAt: oldest } : {}) } });
      saveJsonFile(`qabyl-diagnostics-${new Date().toISOString().slice(0, 10)}.json`, diagnostics);
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <fieldset>
      <legend>{t('settings.diagnostics')}</legend>
      <p className="muted small">{t('settings.diagnosticsHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="secondary" id="diagnostics-export" onClick={() => void exportDiagnostics()}>
        {t('settings.diagnostics')}
      </button>
    </fieldset>
  );
}
