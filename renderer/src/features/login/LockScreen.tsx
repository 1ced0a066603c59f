import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorProfile } from '../../../../shared/host/hostApi';
import { useHostServices } from '../../app/appContext';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';

/**
 * Covers the work (which stays mounted, inert, underneath) until the same operator's password is given.
 * Keys pressed here never reach the desk's shortcuts, so nothing underneath changes while it is locked.
 */
export function LockScreen({ operator, onUnlocked, onSwitchOperator }: { operator: OperatorProfile; onUnlocked(): void; onSwitchOperator(): void }) {
  const { t } = useTranslation();
  const { host } = useHostServices();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Keys pressed outside the lock (focus on the page itself) would otherwise reach the desk's window listeners.
    const swallow = (event: KeyboardEvent) => {
      if (!root.current?.contains(event.target as Node)) {
        event.stopPropagation();
        event.preventDefault();
        root.current?.querySelector('input')?.focus();
      }
    };
    window.addEventListener('keydown', swallow, { capture: true });
    return () => window.removeEventListener('keydown', swallow, { capture: true });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await host.call('operators.unlock', { password });
      onUnlocked();
    } catch (failure) {
      setError(errorText(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div ref={root} className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-screen" onKeyDown={(event) => event.stopPropagation()}>
      <div className="card narrow">
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p>{t('lock.intro', { name: operator.fullName })}</p>
        <form onSubmit={submit}>
          <TextField id="lock-password" label={t('lock.password')} type="password" value={password} onChange={setPassword} autoFocus required />
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit" id="lock-unlock" disabled={busy}>{t('lock.unlock')}</button>
          <button type="button" id="lock-switch" className="secondary" onClick={onSwitchOperator}>
            {t('lock.switchOperator')}
          </button>
        </form>
      </div>
    </div>
  );
}
