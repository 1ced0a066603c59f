import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostClient, HostResult, OperatorProfile } from '../../../shared/host/hostApi';
import type { QabylDatabase } from '../db/database';
import { LoginScreen } from '../features/login/LoginScreen';
import { RequestEditor } from '../features/requests/RequestEditor';
import { RequestList } from '../features/requests/RequestList';
import { createDraft } from '../features/requests/requestDrafts';
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
  | { state: 'failed'; message: string }
  | { state: 'ready'; info: HostResult<'app.info'>; catalog: HostResult<'catalog.current'>; hasOperators: boolean };

export function App({ host, db }: { host: HostClient; db: QabylDatabase }) {
  const errorText = useErrorText();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  const load = useCallback(async () => {
    try {
      const [info, catalog, status] = await Promise.all([host.call('app.info', {}), host.call('catalog.current', {}), host.call('operators.status', {})]);
      await applyDefaultLanguage(info.language);
      setBoot({ state: 'ready', info, catalog, hasOperators: status.hasOperators });
    } catch (failure) {
      setBoot({ state: 'failed', message: errorText(failure) });
    }
  }, [host]);
  useEffect(() => void load(), [load]);

  if (boot.state === 'loading') return null;
  if (boot.state === 'failed') {
    return (
      <main className="card narrow">
        <p className="error" role="alert">{boot.message}</p>
        <button type="button" onClick={() => void load()} autoFocus>↻</button>
      </main>
    );
  }
  return <Ready host={host} db={db} boot={boot} setBoot={setBoot} refresh={load} />;
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
  const [operator, setOperator] = useState<OperatorProfile | null>(null);
  const [setUp, setSetUp] = useState(hasOperators);
  const login = (profile: OperatorProfile) => {
    setSetUp(true);
    setOperator(profile);
  };
  const session = useMemo(() => (operator ? { operator, logout: () => setOperator(null) } : null), [operator]);

  if (!session) {
    return <Shell reachable={reachable}>{setUp ? <LoginScreen onLoggedIn={login} /> : <SetupScreen onCreated={login} />}</Shell>;
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell reachable={reachable} operatorName={session.operator.fullName} onLogout={session.logout}>
        <Desk operator={session.operator} />
      </Shell>
    </SessionContext.Provider>
  );
}

type Screen = 'list' | 'picker' | 'catalog' | 'settings' | 'outbox' | 'report';

/** Screens any screen of the desk reaches with one key: Alt+L the list, Alt+O the outbox, Alt+D the day report. */
const SCREEN_KEYS = { l: 'list', o: 'outbox', d: 'report' } as const satisfies Record<string, Screen>;
const NAV_TITLES = { list: 'home.title', outbox: 'outbox.title', report: 'report.title' } as const;

/** The operator's working area: the list, the service picker, or the request being taken (reopened after a reload). */
function Desk({ operator }: { operator: OperatorProfile }) {
  const { t } = useTranslation();
  const { db, info, catalog } = useAppServices();
  const [openRequest, setOpenRequest] = useState<string | null>(() => localStorage.getItem(OPEN_REQUEST_KEY));
  const [screen, setScreen] = useState<Screen>('list');
  useReportActivity(openRequest !== null);
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
      if (!target) return;
      event.preventDefault();
      open(null, target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div aria-label={t('home.title')}>
      <nav className="desk-nav" aria-label={t('desk.navigation')}>
        {Object.entries(SCREEN_KEYS).map(([key, target]) => (
          <button key={key} type="button" id={`open-${target}`} className="link" aria-current={!openRequest && screen === target ? 'page' : undefined} onClick={() => open(null, target)}>
            {`${t(NAV_TITLES[target])} (Alt+${key.toUpperCase()})`}
          </button>
        ))}
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
      ) : (
        <RequestList onOpen={open} onNew={() => setScreen('picker')} onCatalog={() => setScreen('catalog')} onSettings={operator.role === 'administrator' ? () => setScreen('settings') : undefined} />
      )}
    </div>
  );
}
