import { useTranslation } from 'react-i18next';
import type { KeyChoice } from '../../../../shared/host/hostApi';
import type { Language } from '../../../../shared/i18n/messages';
import { certificateDate, useKeyLabel } from './keyPicker';

function useRefusalText(): (refusal: NonNullable<KeyChoice['refusal']>) => string {
  const { t } = useTranslation();
  return (refusal) => t('sign.keyCannotSign', { reason: t(`errors.${refusal.code}`, { detail: refusal.detail ?? '' }) });
}

/**
 * The chosen key as far as the host knows it before the password: owner, IIN, organisation, algorithm, validity and
 * purpose from the certificate remembered at its last unlock, or only its kind and file until then; and whether it
 * can sign for this operator, or why not. The select names this block as its description, so it is read on each move.
 */
export function KeyDetails({ choice }: { choice: KeyChoice | null }) {
  const { t, i18n } = useTranslation();
  const refusalText = useRefusalText();
  const language = i18n.language as Language;
  if (!choice) return <div id="sign-key-details" />;
  const certificate = choice.certificate;
  return (
    <div id="sign-key-details" data-testid="key-details" aria-live="polite">
      <dl className="facts small">
        {certificate && (
          <>
            <dt>{t('sign.keyOwner')}</dt>
            <dd data-fact="owner">{certificate.commonName}</dd>
            {certificate.iin && (
              <>
                <dt>{t('sign.keyIin')}</dt>
                <dd data-fact="iin" className="mono">
                  {certificate.iin}
                </dd>
              </>
            )}
            {(certificate.organization || certificate.bin) && (
              <>
                <dt>{t('sign.keyOrganisation')}</dt>
                <dd data-fact="organisation">{[certificate.organization, certificate.bin].filter(Boolean).join(' · ')}</dd>
              </>
            )}
          </>
        )}
        {choice.algorithm && (
          <>
            <dt>{t('sign.keyAlgorithm')}</dt>
            <dd data-fact="algorithm">{t(`sign.algorithm_${choice.algorithm}`)}</dd>
          </>
        )}
        {certificate && (
          <>
            <dt>{t('sign.keyValidity')}</dt>
            <dd data-fact="validity">{t('sign.keyValidityRange', { from: certificateDate(certificate.validFrom, language), to: certificateDate(certificate.validTo, language) })}</dd>
            <dt>{t('sign.keyPurpose')}</dt>
            <dd data-fact="purpose">{t(`sign.purpose_${certificate.role}`)}</dd>
          </>
        )}
        <dt>{t('sign.keyFile')}</dt>
        <dd data-fact="file" className="mono">
          {choice.fileName}
        </dd>
      </dl>
      {choice.refusal ? (
        <p className="error small" data-testid="key-verdict">
          {refusalText(choice.refusal)}
        </p>
      ) : (
        <p className="muted small" data-testid="key-verdict">
          {certificate ? t('sign.keyCanSign') : t('sign.keyNotKnownYet')}
        </p>
      )}
    </div>
  );
}

/** Every key that cannot sign, with why, so the operator never has to try a password to find out. */
export function RefusedKeys({ keys }: { keys: readonly KeyChoice[] }) {
  const { t } = useTranslation();
  const keyLabel = useKeyLabel();
  const refusalText = useRefusalText();
  const refused = keys.filter((key) => key.refusal !== null);
  if (refused.length === 0) return null;
  return (
    <section aria-label={t('sign.keysRefused')} data-testid="keys-refused">
      <h4>{t('sign.keysRefused')}</h4>
      <ul className="plain small">
        {refused.map((key) => (
          <li key={key.id} data-key={key.id}>
            {keyLabel(key)} — {refusalText(key.refusal!)}
          </li>
        ))}
      </ul>
    </section>
  );
}
