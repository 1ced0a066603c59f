import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostClient, HostResult, OperatorProfile } from '../../../shared/host/hostApi';
import { mayCall, type Role } from '../../../shared/host/methodAccess';
import type { QabylDatabase } from '../db/database';
import { fieldKeysFromBase64, type FieldKeys } from '../db/fieldCrypto';
import { fieldKeysMatch } from '../db/keyCheck';
import { rekeySearchKeysIfLayoutChanged } from '../db/nameIndex';
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
import { AppServicesContext, HostServicesContext, SessionContext, useAppServices, type AppServices } from './appContext';
import { CrashGuard } from './CrashGuard';
import { Shell } from './Shell';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useReportActivity } from './updates';
import { AutomaticBackupAlert, useAutomaticBackup } from '../features/backup/AutomaticBackup';
import { useErrorText } from './useErrorText';

const OPEN_REQUEST_KEY = 'qabyl.openRequest';

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; info: HostResult<'app.info'>; catalog: HostResult<'catalog.current'>; hasOperators: boolean };

/** The store of record: closed until an operator logs in, since the host hands its field keys only to a session. */
type Store =
  | { state: 'closed' }
  /** Opening; the first start after an update may seal every row it holds, which takes a while. */
  | { state: 'opening' }
  | { state: 'failed'; message: string; operator: OperatorProfile }
  | { state: 'open'; db: QabylDatabase; operator: OperatorProfile };

/** The operator as the store of record knows them (requests name their operator); their first appearance is kept. */
async function recordOperator(db: QabylDatabase, operator: OperatorProfile): Promise<void> {
  const known = await db.operators.get(operator.id);
  await db.operators.put({ ...operator, createdAt: known?.createdAt ?? new Date().toISOString() });
}

/** `openDatabase` is given the host's field keys: the store of record cannot be read before an operator logs in. */
export function App({ host, openDatabase }: { host: HostClient; openDatabase: (keys: FieldKeys) => QabylDatabase }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [store, setStore] = useState<Store>({ state: 'closed' });
  const database = useRef<QabylDatabase | null>(null);

  const load = useCallback(async () => {
    try {
      const [info, catalog, status] = await Promise.all([host.call('app.info', {}), host.call('catalog.current', {}), host.call('operators.status', {})]);
      await applyDefaultLanguage(info.language);
      setBoot({ state: 'ready', info, catalog, hasOperators: status.hasOperators });
    } catch (failure) {
      setBoot({ state: 'failed', message: errorText(failure) });
    }
  }, [host, errorText]);
  useEffect(() => void load(), [load]);

  /** After the first login in this window: the page keeps the keys and the open store until it closes, so sync goes on after a logout. */
  const openStore = useCallback(
    async (operator: OperatorProfile) => {
      const fail = (message: string) => setStore({ state: 'failed', message, operator });
      let db: QabylDatabase;
      try {
        db = database.current ??= openDatabase(fieldKeysFromBase64(await host.call('vault.keys', {})));
      } catch (failure) {
        return fail(`${t('storage.keysUnavailable')} ${errorText(failure)}`);
      }
      try {
        // Opening runs a pending schema upgrade, which seals older rows: a failure there is told apart from a missing key.
        if (!db.isOpen()) setStore({ state: 'opening' });
        await db.open();
      } catch (failure) {
        return fail(`${t('storage.openFailed')} ${errorText(failure)}`);
      }
      if (!(await fieldKeysMatch(db).catch(() => false))) return fail(t('storage.keysMismatch'));
      try {
        // Search keys written under an older layout (an older version, or restored from its backup) are re-keyed once.
        await rekeySearchKeysIfLayoutChanged(db, () => setStore({ state: 'opening' }));
        await recordOperator(db, operator);
      } catch (failure) {
        return fail(`${t('storage.openFailed')} ${errorText(failure)}`);
      }
      setStore({ state: 'open', db, operator });
    },
    [host, openDatabase, t, errorText],
  );

  if (boot.state === 'loading') return null;
  if (boot.state === 'failed') return <Failed message={boot.message} retry={() => void load()} />;
  return (
    <HostServicesContext.Provider value={{ host, info: boot.info }}>
      {store.state === 'open' ? (
        <Ready host={host} db={store.db} operator={store.operator} boot={boot} setBoot={setBoot} refresh={load} />
      ) : store.state === 'opening' ? (
        <main className="card narrow">
          <p className="muted" role="status">{t('storage.opening')}</p>
        </main>
      ) : store.state === 'failed' ? (
        <Failed message={store.message} retry={() => void openStore(store.operator)} />
      ) : (
        <Shell reachable={null}>{boot.hasOperators ? <LoginScreen onLoggedIn={openStore} /> : <SetupScreen production={!boot.info.training} onCreated={openStore} />}</Shell>
      )}
    </HostServicesContext.Provider>
  );
}

function Failed({ message, retry }: { message: string; retry: () => void }) {
  return (
    <main className="card narrow">
      <p className="error" role="alert">{message}</p>
      <button type="button" onClick={retry} autoFocus>↻</button>
    </main>
  );
}

/** The workstation once an operator has logged in: the sync engine starts here and runs until the window closes. */
function Ready({ host, db, operator, boot, setBoot, refresh }: { host: HostClient; db: QabylDatabase; operator: OperatorProfile; boot: Extract<Boot, { state: 'ready' }>; setBoot: (boot: Boot) => void; refresh: () => Promise<void> }) {
  const sync = useOutboxEngine(host, db, boot.info.training);
  useEffect(() => {
    // Once per window, after the first login: a crash may have left stored files and scan batches nothing references.
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
        <Workstation firstOperator={operator} reachable={sync.status.reachable} />
      </CrashGuard>
    </AppServicesContext.Provider>
  );
}

function Workstation({ firstOperator, reachable }: { firstOperator: OperatorProfile; reachable: boolean | null }) {
  const { host, info, db } = useAppServices();
  const [operator, setOperator] = useState<OperatorProfile | null>(firstOperator);
  const [locked, setLocked] = useState(false);
  const focusBeforeLock = useRef<Element | null>(null);
  const login = async (profile: OperatorProfile) => {
    await recordOperator(db, profile);
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
    return <Shell reachable={reachable}><LoginScreen onLoggedIn={login} /></Shell>;
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
  useAutomaticBackup();
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
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const target = event.altKey && !event.ctrlKey ? (SCREEN_KEYS as Record<string, Screen>)[event.key.toLowerCase()] : undefined;
    if (!target || !sees(target)) return;
    event.preventDefault();
    open(null, target);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  return (
    <div aria-label={t('home.title')}>
      <AutomaticBackupAlert role={operator.role} />
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
        <RequestEditor key={openRequest} requestId={openRequest} onBack={() => open(null)} onNext={() => open(null, 'picker')} onOpen={open} />
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
