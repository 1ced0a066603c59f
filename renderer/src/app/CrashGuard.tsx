import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

/**
 * A fault in one screen must not leave the operator staring at a blank window. Everything typed is already
 * in the local database, so reloading loses nothing; the message says so.
 */
export class CrashGuard extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('screen failed', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <main className="card narrow">
            <p className="error" role="alert">
              {t('errors.unexpected')}
            </p>
            <button type="button" autoFocus onClick={() => window.location.reload()}>
              ↻
            </button>
          </main>
        )}
      </Translation>
    );
  }
}
