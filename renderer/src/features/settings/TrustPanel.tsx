import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../../shared/host/hostApi';
import { useAppServices } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';

/** The trust profile in force: each NCA certificate it needs (pinned, from the trust folder, or missing) and the folder's files. */
export function TrustPanel() {
  const { t } = useTranslation();
  const { host } = useAppServices();
  const errorText = useErrorText();
  const [status, setStatus] = useState<HostResult<'trust.status'> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    host.call('trust.status', {}).then(setStatus, (error) => setFailure(errorText(error)));
  }, [host, errorText]);

  if (failure) return <p className="error">{failure}</p>;
  if (!status) return null;
  return (
    <section aria-labelledby="trust-title" data-testid="trust-panel">
      <h2 id="trust-title">{t('settings.trustTitle')}</h2>
      {status.missing.length > 0 && (
        <p className="error" role="alert" data-testid="trust-missing">
          {t('settings.trustMissing', { files: status.missing.join(', ') })}
        </p>
      )}
      <ul>
        {status.certificates.map((certificate) => (
          <li key={certificate.file}>
            <strong>{certificate.file}</strong> — {certificate.commonName}: {t(`settings.trustState_${certificate.state}`)}
            {!certificate.required && ` (${t('settings.trustOptional')})`}
            {certificate.state === 'missing' ? <> — <code>{certificate.sourceUrl}</code></> : certificate.inUseSha256 && <> — {t('settings.trustFingerprint')} <code>{certificate.inUseSha256}</code></>}
          </li>
        ))}
        {status.folder.map((file) => (
          <li key={`folder-${file.file}-${file.sha256 ?? ''}`}>
            {t('settings.trustFolderFile')} <strong>{file.file}</strong>
            {file.commonName && ` — ${file.commonName}`}: {t(`settings.trustFolder_${file.state}`)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('settings.trustHint', { folder: status.trustFolder })}</p>
    </section>
  );
}
