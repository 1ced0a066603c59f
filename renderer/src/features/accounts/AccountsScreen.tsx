import { useCallback, useEffect, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/host/hostApi';
import { roleRank, type Role } from '../../../../shared/host/methodAccess';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices } from '../../app/appContext';
import { Dialog } from '../../app/Dialog';
import { TextField } from '../../app/TextField';
import { useErrorText } from '../../app/useErrorText';
import { iinProblemText } from '../setup/iinProblemText';

const roles = Object.keys(roleRank) as Role[];

function RoleField({ value, onChange }: { value: Role; onChange(role: Role): void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="account-role">{t('accounts.role')}</label>
      <select id="account-role" value={value} onChange={(event) => onChange(event.target.value as Role)}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {t(`accounts.role_${role}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Cancel, then the form's own submit button. */
function DialogActions({ onCancel, submitId, submitLabel }: { onCancel(): void; submitId: string; submitLabel: string }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" className="secondary" onClick={onCancel}>
        {t('accounts.cancel')}
      </button>
      <button type="submit" id={submitId}>
        {submitLabel}
      </button>
    </div>
  );
}

/** A new account: everything it needs at once; a refusal keeps what was typed. */
function AddAccount({ onAdded, onCancel }: { onAdded(account: AccountView): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const { host, info } = useAppServices();
  const errorText = useErrorText();
  const [fields, setFields] = useState({ login: '', fullName: '', iin: '', password: '' });
  const [role, setRole] = useState<Role>('operator');
  const [error, setError] = useState('');
  const set = (name: keyof typeof fields) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  const iinIssue = iinProblemText(fields.iin, i18n.language as Language, info.trustProfile);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (iinIssue) return setError(iinIssue);
    setError('');
    try {
      onAdded(await host.call('operators.add', { ...fields, role }));
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <Dialog titleId="account-add-title" title={t('accounts.add')} onEscape={onCancel}>
      <form onSubmit={submit} noValidate>
        <TextField id="account-login" label={t('accounts.login')} value={fields.login} onChange={set('login')} autoFocus required />
        <TextField id="account-fullName" label={t('accounts.fullName')} value={fields.fullName} onChange={set('fullName')} required />
        <TextField id="account-iin" label={t('accounts.iin')} value={fields.iin} onChange={set('iin')} inputMode="numeric" maxLength={12} error={fields.iin.length === 12 ? (iinIssue ?? '') : ''} required />
        <RoleField value={role} onChange={setRole} />
        <TextField id="account-password" label={t('accounts.password')} type="password" value={fields.password} onChange={set('password')} required />
        <p className="muted">{t('accounts.passwordHint')}</p>
        {error && <p className="error" role="alert">{error}</p>}
        <DialogActions onCancel={onCancel} submitId="account-add-submit" submitLabel={t('accounts.add')} />
      </form>
    </Dialog>
  );
}

/** One account: name, role and whether it may log in; or a new initial password. */
function EditAccount({ account, onSaved, onCancel }: { account: AccountView; onSaved(account: AccountView, notice: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { host } = useAppServices();
  const errorText = useErrorText();
  const [fullName, setFullName] = useState(account.fullName);
  const [role, setRole] = useState<Role>(account.role);
  const [disabled, setDisabled] = useState(account.disabled);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');

  const attempt = async (work: () => Promise<AccountView>, notice: string) => {
    setError('');
    try {
      onSaved(await work(), notice);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => host.call('operators.update', { id: account.id, fullName, role, disabled }), t('accounts.saved'));
  };

  return (
    <Dialog titleId="account-edit-title" title={`${t('accounts.edit')}: ${account.login}`} onEscape={onCancel}>
      <form onSubmit={save} noValidate>
        <TextField id="account-fullName" label={t('accounts.fullName')} value={fullName} onChange={setFullName} autoFocus required />
        <RoleField value={role} onChange={setRole} />
        <label className="checkbox">
          <input type="checkbox" id="account-disabled" checked={disabled} onChange={(event) => setDisabled(event.target.checked)} />
          {t('accounts.disabled')}
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <DialogActions onCancel={onCancel} submitId="account-save" submitLabel={t('accounts.save')} />
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(() => host.call('operators.resetPassword', { id: account.id, password }), t('accounts.passwordReset'));
        }}
        noValidate
      >
        <TextField id="account-newPassword" label={t('accounts.newPassword')} type="password" value={password} onChange={setPassword} />
        <button type="submit" id="account-reset" className="secondary">
          {t('accounts.resetPassword')}
        </button>
      </form>
    </Dialog>
  );
}

/** The administrator's list of operator accounts, by keyboard: ↑ ↓ between accounts, Enter edits, Alt+A adds. */
export function AccountsScreen({ onBack }: { onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { host } = useAppServices();
  const errorText = useErrorText();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [editing, setEditing] = useState<AccountView | 'new' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const reload = useCallback(
    () => host.call('operators.list', {}).then(setAccounts, (failure) => setMessage({ ok: false, text: errorText(failure) })),
    [host, errorText],
  );
  useEffect(() => void reload(), [reload]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        setEditing('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const done = (notice: string, focusId: string) => {
    setEditing(null);
    setMessage({ ok: true, text: notice });
    void reload().then(() => document.getElementById(focusId)?.focus());
  };
  const moveBetweenRows = (event: ReactKeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.account-edit')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    event.preventDefault();
    next?.focus();
  };
  const state = (account: AccountView) =>
    [
      account.disabled ? t('accounts.disabled') : t('accounts.active'),
      account.mustChangePassword ? t('accounts.mustChange') : '',
      account.lockedUntil ? t('accounts.lockedUntil', { time: new Date(account.lockedUntil).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) }) : '',
    ]
      .filter(Boolean)
      .join('; ');

  return (
    <main className="card wide">
      <h1>{t('accounts.title')}</h1>
      <p className="muted">{t('accounts.keys')}</p>
      {message && (
        <p className={message.ok ? 'notice' : 'error'} role="alert" data-testid="accounts-message">
          {message.text}
        </p>
      )}
      <table aria-label={t('accounts.list')} data-testid="accounts">
        <thead>
          <tr>
            <th scope="col">{t('accounts.login')}</th>
            <th scope="col">{t('accounts.fullName')}</th>
            <th scope="col">{t('accounts.role')}</th>
            <th scope="col">{t('accounts.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('accounts.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={moveBetweenRows}>
          {accounts.map((account, index) => (
            <tr key={account.id} data-login={account.login}>
              <td className="mono">{account.login}</td>
              <td>{account.fullName}</td>
              <td>{t(`accounts.role_${account.role}`)}</td>
              <td>{state(account)}</td>
              <td>
                <button type="button" id={`account-edit-${account.id}`} className="secondary account-edit" autoFocus={index === 0} onClick={() => setEditing(account)}>
                  {t('accounts.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('request.back')}
        </button>
        <button type="button" id="accounts-add" onClick={() => setEditing('new')}>
          {`${t('accounts.add')} (Alt+A)`}
        </button>
      </div>
      {editing === 'new' && <AddAccount onAdded={(account) => done(t('accounts.added', { login: account.login }), `account-edit-${account.id}`)} onCancel={() => setEditing(null)} />}
      {editing && editing !== 'new' && <EditAccount account={editing} onSaved={(account, notice) => done(notice, `account-edit-${account.id}`)} onCancel={() => setEditing(null)} />}
    </main>
  );
}
