import { createContext, useContext } from 'react';
import type { HostClient, HostResult, OperatorProfile } from '../../../shared/host/hostApi';
import type { CatalogData } from '../../../shared/catalog/catalogSchema';
import type { QabylDatabase } from '../db/database';
import type { SyncState } from '../sync/useOutboxEngine';

/** What every screen has, the sign-in screens too: the store of record opens only after an operator logs in. */
export interface HostServices {
  host: HostClient;
  info: HostResult<'app.info'>;
}

export const HostServicesContext = createContext<HostServices | null>(null);

export function useHostServices(): HostServices {
  const services = useContext(HostServicesContext);
  if (!services) throw new Error('HostServicesContext is not provided');
  return services;
}

export interface AppServices extends HostServices {
  db: QabylDatabase;
  /** The newest catalog: what new requests are taken under. */
  catalog: CatalogData;
  /** After a verified update is loaded, new requests use it at once. */
  setCatalog(catalog: CatalogData): void;
  /** Re-reads workstation info (office, language) after the administrator changed settings. */
  refresh(): Promise<void>;
  /** Asks the sync engine to try the queue now (after enqueue, or the operator's "send now"). */
  syncNow(): void;
  /** The sync engine: link, pause, results that arrived, per-item retry. */
  sync: SyncState;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('AppServicesContext is not provided');
  return services;
}

export interface SessionState {
  operator: OperatorProfile;
  logout(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('SessionContext is not provided');
  return session;
}
