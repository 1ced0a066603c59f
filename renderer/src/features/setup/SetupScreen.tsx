import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorProfile } from '../../../../shared/host/hostApi';
import type { Language } from '../../../../shared/i18n/messages';
import { useHostServices } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import { TextField } from '../../app/TextField';
import { RestorePanel } from '../backup/RestorePanel';
import { GatewayFields, type GatewayDraft } from '../gateway/GatewayFields';
import { iinProblemText } from './iinProblemText';

/**
 * `onCreated` opens the store of record and records the first operator there. In production it also asks for the
 * gateway (there is none by default): the first operator (an administrator) is created, then the address is
 * saved; a refused address keeps everything typed on screen with the reason, to be fixed or left for Settings.
 */
export function SetupScreen({ production, onCreated }: { production: boolean; onCreated(operator: OperatorProfile): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const { host, info } = useHostServices();
  const errorText = useErrorText();
  const [fields, setFields] = useState({ login: '', fullName: '', iin: '', password: '', passwordRepeat: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [gateway, setGateway] = useState<GatewayDraft>({ url: '', pinnedCertificatePem: '' });
  // Once created, a second submit only saves the gateway: the operator exists and is logged in.
  const [created, setCreated] = useState<OperatorProfile | null>(null);
  const set = (name: keyof typeof fields) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  const iinIssue = iinProblemText(fields.iin, i18n.language as Language, info.trustProfile);
  const iinError = fields.iin.length === 12 ? (iinIssue ?? '') : '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!created && iinIssue) return setError(iinIssue);
    if (!created && fields.password !== fields.passwordRepeat) return setError(t('setup.passwordsDiffer'));
    setBusy(true);
    setError('');
    try {
      const operator = created ?? (await host.call('operators.create', { login: fields.login, fullName: fields.fullName, iin: fields.iin, password: fields.password }));
      setCreated(operator);
      if (production) await host.call('settings.update', { gateway });
      await onCreated(operator);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  if (restoring) {
    return (
      <main className="card narrow">
        <RestorePanel onCancel={() => setRestoring(false)} />
      </main>
    );
  }

  return (
    <main className="card narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <TextField id="setup-login" label={t('setup.login')} value={fields.login} onChange={set('login')} autoFocus required />
        <TextField id="setup-fullName" label={t('setup.fullName')} value={fields.fullName} onChange={set('fullName')} required />
        <TextField id="setup-iin" label={t('setup.iin')} value={fields.iin} onChange={set('iin')} inputMode="numeric" maxLength={12} error={iinError} required />
        <TextField id="setup-password" label={t('setup.password')} type="password" value={fields.password} onChange={set('password')} required />
        <TextField id="setup-passwordRepeat" label={t('setup.passwordRepeat')} type="password" value={fields.passwordRepeat} onChange={set('passwordRepeat')} required />
        {production && (
          <fieldset>
            <legend>{t('gateway.title')}</legend>
            <p>{t('gateway.setupIntro')}</p>
            <GatewayFields idPrefix="setup" value={gateway} onChange={setGateway} required />
          </fieldset>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" id="setup-create" disabled={busy}>{t(created ? 'settings.save' : 'setup.create')}</button>
        {created && (
          <button type="button" className="secondary" id="setup-gatewayLater" onClick={() => void onCreated(created)}>
            {t('gateway.later')}
          </button>
        )}
      </form>
      <button type="button" className="link" id="setup-restore" onClick={() => setRestoring(true)}>
        {t('backup.restoreOpen')}
      </button>
    </main>
  );
}
