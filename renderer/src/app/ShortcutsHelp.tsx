import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Every key of the desk in one list; F1 opens and closes it from any screen. */
const SHORTCUTS = [
  ['Alt+N', 'newRequest'],
  ['Alt+L', 'list'],
  ['Alt+O', 'outbox'],
  ['Alt+D', 'report'],
  ['Alt+F, /', 'search'],
  ['Alt+K', 'lock'],
  ['Ctrl+Enter', 'sign'],
  ['Enter / Esc', 'dialogs'],
  ['Tab / Shift+Tab', 'fields'],
  ['↑ ↓', 'lists'],
] as const;

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F1') {
        event.preventDefault();
        setOpen((shown) => !shown);
      } else if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" id="open-shortcuts" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('shortcuts.title')} (F1)
      </button>
      {open && (
        <dl className="facts shortcuts-help" data-testid="shortcuts" aria-label={t('shortcuts.title')}>
          {SHORTCUTS.map(([keys, action]) => (
            <div key={action} className="shortcut">
              <dt className="mono">{keys}</dt>
              <dd>{t(`shortcuts.${action}`)}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
