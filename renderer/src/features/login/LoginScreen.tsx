import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorProfile } from '../../../../shared/host/hostApi';
import { useHostServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import { PasswordChangeForm } from './PasswordChangeForm';

/** `onLoggedIn` opens (or keeps) the store of record and records the operator there. */
export function LoginScreen({ onLoggedIn }: { onLoggedIn(operator: OperatorProfile): Promise<void> }) {
  const { t } = useTranslation();
  const { host } = useHostServices();
  const errorText = useErrorText();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // An initial or reset password: the desk opens only once the operator has chosen their own.
  const [mustChange, setMustChange] = useState(false);
  // A reloaded window shows this screen while the host may still hold the last session: end it, before any login.
  const previousSessionEnded = useMemo(() => host.call('operators.logout', {}).catch(() => undefined), [host]);


  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await previousSessionEnded;
      const { mustChangePassword, ...operator } = await host.call('operators.login', { login, password });
      if (mustChangePassword) setMustChange(true);
      else await onLoggedIn(operator);
    } catch (failure) {
      setError(errorText(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  if (mustChange) {
    return (
      <main className="card narrow">
        <h1>{t('password.title')}</h1>
        <p>{t('password.intro')}</p>
        <PasswordChangeForm knownOldPassword={password} onChanged={(operator) => void onLoggedIn(operator)} />
      </main>
    );
  }
  return (
    <main className="card narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit}>
        <TextField id="login-login" label={t('login.login')} value={login} onChange={setLogin} autoFocus required />
        <TextField id="login-password" label={t('login.password')} type="password" value={password} onChange={setPassword} required />
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{t('login.submit')}</button>
      </form>
    </main>
  );
}
