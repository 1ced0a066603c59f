import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorProfile } from '../../../../shared/host/hostApi';
import { useHostServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';

/**
 * The operator's own new password. Right after logging in with an initial one the password just typed is the
 * old one (`knownOldPassword`), so it is not asked twice; from the desk the current password is asked for.
 */
export function PasswordChangeForm({ knownOldPassword, onChanged, onCancel }: { knownOldPassword?: string; onChanged(operator: OperatorProfile): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { host } = useHostServices();
  const errorText = useErrorText();
  const [fields, setFields] = useState({ old: '', new: '', repeat: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (value: string) => setFields((current) => ({ ...current, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fields.new !== fields.repeat) return setError(t('password.differ'));
    setBusy(true);
    setError('');
    try {
      onChanged(await host.call('operators.changePassword', { oldPassword: knownOldPassword ?? fields.old, newPassword: fields.new }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate onKeyDown={(event) => event.key === 'Escape' && onCancel?.()}>
      {knownOldPassword === undefined && <TextField id="password-old" label={t('password.old')} type="password" value={fields.old} onChange={set('old')} autoFocus required />}
      <TextField id="password-new" label={t('password.new')} type="password" value={fields.new} onChange={set('new')} autoFocus={knownOldPassword !== undefined} required />
      <TextField id="password-repeat" label={t('password.repeat')} type="password" value={fields.repeat} onChange={set('repeat')} required />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" id="password-submit" disabled={busy}>{t('password.submit')}</button>
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      )}
    </form>
  );
}
