import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostClient, HostResult, OperatorProfile } from '../../../shared/host/hostApi';
import { mayCall, type Role } from '../../../shared/host/methodAccess';
import type { QabylDatabase } from '../db/database';
import { fieldKeysFromBase64, type FieldKeys } from '../db/fieldCrypto';
import { fieldKeysMatch } from '../db/keyCheck';
import { AccountsScreen } from '../features/accounts/AccountsScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { useAuditRelay } from '../features/audit/useAuditRelay';
import { LockScreen } from '../features/login/LockScreen';
import { LoginScreen } from '../features/login/LoginScreen';
import { useIdleLock } from '../features/login/useIdleLock';
import { RequestEditor } from '../features/requests/RequestEditor';
import { RequestList } from '../features/requests/RequestList';
import { createDraft } from '../features/requests/requestDrafts';
import { useRetentionSweep } from '../features/requests/useRetentionSweep';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { CatalogScreen } from '../features/catalog/CatalogScreen';
import { OutboxScreen } from '../features/outbox/OutboxScreen';
import { DayReport } from '../features/reports/DayReport';
import { ServicePicker } from '../features/catalog/ServicePicker';
import { applyDefaultLanguage } from '../i18n/i18n';
import { useOutboxEngine } from '../sync/useOutboxEngine';
import { sweepAfterCrash } from './startupSweep';
import { AppServicesContext, SessionContext, useAppServices, type AppServices } from './appContext';
import { CrashGuard } from './CrashGuard';
import { Shell } from './Shell';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useReportActivity } from './updates';
import { useErrorText } from './useErrorText';

const OPEN_REQUEST_KEY = 'qabyl.openRequest';

type Boot =
  | { state: 'loading' }
  /** The store of record is opening; the first start after an update may seal every row it holds, which takes a while. */
  | { state: 'opening' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; db: QabylDatabase; info: HostResult<'app.info'>; catalog: HostResult<'catalog.current'>; hasOperators: boolean };

/** `openDatabase` is given the host's field keys: the store of record cannot be read before they are there. */
export function App({ host, openDatabase }: { host: HostClient; openDatabase: (keys: FieldKeys) => QabylDatabase }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const database = useRef<QabylDatabase | null>(null);

  const load = useCallback(async () => {
    let db: QabylDatabase;
    try {
      db = database.current ??= openDatabase(fieldKeysFromBase64(await host.call('vault.keys', {})));
    } catch (failure) {
      setBoot({ state: 'failed', message: `${t('storage.keysUnavailable')} ${errorText(failure)}` });
      return;
    }
    try {
      // Opening runs a pending schema upgrade, which seals older rows: a failure there is told apart from a missing key.
      if (!db.isOpen()) setBoot({ state: 'opening' });
      await db.open();
    } catch (failure) {
      setBoot({ state: 'failed', message: `${t('storage.openFailed')} ${errorText(failure)}` });
      return;
    }
    if (!(await fieldKeysMatch(db).catch(() => false))) {
      setBoot({ state: 'failed', message: t('storage.keysMismatch') });
      return;
    }
    try {
      const [info, catalog, status] = await Promise.all([host.call('app.info', {}), host.call('catalog.current', {}), host.call('operators.status', {})]);
      await applyDefaultLanguage(info.language);
      setBoot({ state: 'ready', db, info, catalog, hasOperators: status.hasOperators });
    } catch (failure) {
      setBoot({ state: 'failed', message: errorText(failure) });
    }
  }, [host, openDatabase]);
  useEffect(() => void load(), [load]);

  if (boot.state === 'loading') return null;
  if (boot.state === 'opening') {
    return (
      <main className="card narrow">
        <p className="muted" role="status">{t('storage.opening')}</p>
      </main>
    );
  }
  if (boot.state === 'failed') {
    return (
      <main className="card narrow">
        <p className="error" role="alert">{boot.message}</p>
        <button type="button" onClick={() => void load()} autoFocus>↻</button>
      </main>
    );
  }
  return <Ready host={host} db={boot.db} boot={boot} setBoot={setBoot} refresh={load} />;
}

/** The workstation once its host has answered: the sync engine starts here, with or without an operator. */
function Ready({ host, db, boot, setBoot, refresh }: { host: HostClient; db: QabylDatabase; boot: Extract<Boot, { state: 'ready' }>; setBoot: (boot: Boot) => void; refresh: () => Promise<void> }) {
  const sync = useOutboxEngine(host, db, boot.info.training);
  useEffect(() => {
    // Once per window: a crash may have left stored files and scan batches nothing references.
    sweepAfterCrash(host, db, localStorage).then(
      ({ missing }) => {
        if (missing.length > 0) console.error('stored documents missing', missing);
      },
      (error: unknown) => console.error('start-up clean-up failed', error),
    );
  }, [host, db]);
  const services: AppServices = {
    host,
    db,
    info: boot.info,
    catalog: boot.catalog,
    setCatalog: (catalog) => setBoot({ ...boot, catalog }),
    refresh,
    syncNow: () => void sync.engine.syncNow().catch(() => undefined),
    sync,
  };
  return (
    <AppServicesContext.Provider value={services}>
      <CrashGuard>
        <Workstation hasOperators={boot.hasOperators} reachable={sync.status.reachable} />
      </CrashGuard>
    </AppServicesContext.Provider>
  );
}

function Workstation({ hasOperators, reachable }: { hasOperators: boolean; reachable: boolean | null }) {
  const { host, info } = useAppServices();
  const [operator, setOperator] = useState<OperatorProfile | null>(null);
  const [locked, setLocked] = useState(false);
  const [setUp, setSetUp] = useState(hasOperators);
  const focusBeforeLock = useRef<Element | null>(null);
  const login = (profile: OperatorProfile) => {
    setSetUp(true);
    setOperator(profile);
  };
  const session = useMemo(
    () =>
      operator
        ? {
            operator,
            logout: () => {
              // The next operator starts at the list, not in this one's open (autosaved) draft.
              localStorage.removeItem(OPEN_REQUEST_KEY);
              setLocked(false);
              setOperator(null);
              void host.call('operators.logout', {}).catch(() => undefined);
            },
          }
        : null,
    [operator, host],
  );
  const lock = useCallback(() => {
    focusBeforeLock.current = document.activeElement;
    setLocked(true);
    // The host refuses operator calls from now on; the password is checked there again at unlock.
    void host.call('operators.lock', {}).catch(() => undefined);
  }, [host]);
  useIdleLock(info.idleLockMinutes, session !== null && !locked, lock);
  useEffect(() => {
    if (!session || locked) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, locked, lock]);
  useEffect(() => {
    if (!locked && focusBeforeLock.current instanceof HTMLElement) focusBeforeLock.current.focus({ preventScroll: true });
    if (!locked) focusBeforeLock.current = null;
  }, [locked]);

  if (!session) {
    return <Shell reachable={reachable}>{setUp ? <LoginScreen onLoggedIn={login} /> : <SetupScreen onCreated={login} />}</Shell>;
  }
  return (
    <SessionContext.Provider value={session}>
      {/* Locked, the work stays mounted exactly as it was, but is neither visible, focusable nor announced. */}
      <div className="workspace" data-testid="workspace" inert={locked} aria-hidden={locked || undefined}>
        <Shell reachable={reachable} operatorName={session.operator.fullName} onLogout={session.logout} onLock={lock}>
          <Desk operator={session.operator} />
        </Shell>
      </div>
      {locked && <LockScreen operator={session.operator} onUnlocked={() => setLocked(false)} onSwitchOperator={session.logout} />}
    </SessionContext.Provider>
  );
}

type Screen = 'list' | 'picker' | 'catalog' | 'settings' | 'outbox' | 'report' | 'accounts' | 'audit';

/** The least role that sees each screen (the host refuses the calls behind it to anyone below, too). */
const SCREEN_ROLE: Record<Screen, Role> = { list: 'operator', picker: 'operator', catalog: 'operator', outbox: 'supervisor', report: 'supervisor', settings: 'administrator', accounts: 'administrator', audit: 'supervisor' };

/** Screens any screen of the desk reaches with one key: Alt+L the list, Alt+O the outbox, Alt+D the day report. */
const SCREEN_KEYS = { l: 'list', o: 'outbox', d: 'report' } as const satisfies Record<string, Screen>;
const NAV_TITLES = { list: 'home.title', outbox: 'outbox.title', report: 'report.title' } as const;

/** The operator's working area: the list, the service picker, or the request being taken (reopened after a reload). */
function Desk({ operator }: { operator: OperatorProfile }) {
  const { t } = useTranslation();
  const { db, info, catalog } = useAppServices();
  useRetentionSweep();
  const [openRequest, setOpenRequest] = useState<string | null>(() => localStorage.getItem(OPEN_REQUEST_KEY));
  const [screen, setScreen] = useState<Screen>('list');
  const sees = (target: Screen) => mayCall(SCREEN_ROLE[target], operator.role);
  useReportActivity(openRequest !== null);
  useAuditRelay();
  const open = (requestId: string | null, next: Screen = 'list') => {
    if (requestId) localStorage.setItem(OPEN_REQUEST_KEY, requestId);
    else localStorage.removeItem(OPEN_REQUEST_KEY);
    setScreen(next);
    setOpenRequest(requestId);
  };
  const start = async (serviceId: string, kindId: string) => {
    const draft = await createDraft(db, { operatorId: operator.id, officeCode: info.office.code, catalogVersion: catalog.version, serviceId, kindId, now: new Date() });
    open(draft.id);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.altKey && !event.ctrlKey ? (SCREEN_KEYS as Record<string, Screen>)[event.key.toLowerCase()] : undefined;
      if (!target || !sees(target)) return;
      event.preventDefault();
      open(null, target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div aria-label={t('home.title')}>
      <nav className="desk-nav" aria-label={t('desk.navigation')}>
        {Object.entries(SCREEN_KEYS).filter(([, target]) => sees(target)).map(([key, target]) => (
          <button key={key} type="button" id={`open-${target}`} className="link" aria-current={!openRequest && screen === target ? 'page' : undefined} onClick={() => open(null, target)}>
            {`${t(NAV_TITLES[target])} (Alt+${key.toUpperCase()})`}
          </button>
        ))}
        {sees('accounts') && (
          <button type="button" id="open-accounts" className="link" aria-current={!openRequest && screen === 'accounts' ? 'page' : undefined} onClick={() => open(null, 'accounts')}>
            {t('accounts.open')}
          </button>
        )}
        {sees('audit') && (
          <button type="button" id="open-audit" className="link" aria-current={!openRequest && screen === 'audit' ? 'page' : undefined} onClick={() => open(null, 'audit')}>
            {t('audit.title')}
          </button>
        )}
        <ShortcutsHelp />
      </nav>
      {openRequest ? (
        <RequestEditor key={openRequest} requestId={openRequest} onBack={() => open(null)} onNext={() => open(null, 'picker')} />
      ) : screen === 'picker' ? (
        <ServicePicker onStart={(serviceId, kindId) => void start(serviceId, kindId)} onCancel={() => setScreen('list')} />
      ) : screen === 'catalog' ? (
        <CatalogScreen onBack={() => setScreen('list')} />
      ) : screen === 'settings' ? (
        <SettingsScreen onBack={() => setScreen('list')} />
      ) : screen === 'outbox' ? (
        <OutboxScreen onOpen={open} onBack={() => setScreen('list')} />
      ) : screen === 'report' ? (
        <DayReport onBack={() => setScreen('list')} />
      ) : screen === 'accounts' ? (
        <AccountsScreen onBack={() => setScreen('list')} />
      ) : screen === 'audit' ? (
        <AuditScreen onBack={() => setScreen('list')} />
      ) : (
        <RequestList onOpen={open} onNew={() => setScreen('picker')} onCatalog={() => setScreen('catalog')} onSettings={sees('settings') ? () => setScreen('settings') : undefined} />
      )}
    </div>
  );
}
