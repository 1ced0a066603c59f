/**
 * Application updates in Electron: electron-updater downloads from the intranet generic feed and verifies;
 * its events drive the pure state machine (../host/updates/updatePolicy), which also decides when installing is
 * allowed. A failed check, download or install only ends in idle with the error logged: never a broken app.
 */
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import { load as loadYaml } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PINNED_UPDATE_KEYS } from '../host/updates/feedSignature';
import { VerifiedFeedProvider, type VerifiedFeedOptions } from './verifiedFeedProvider';
import type { HostLog } from '../host/logging/hostLog';
import { decideInstall, failureEvent, INITIAL_UPDATE_STATE, nextUpdateState, type InstallContext, type InstallDecision, type UpdateEvent, type UpdateState } from '../host/updates/updatePolicy';

export interface UpdaterOptions {
  /** The administrator's feed folder from the settings; without it, the publish URL built into the installer. Either way latest.yml must verify under a pinned key. */
  feedUrl?: string;
  log: HostLog;
  /** What the renderer last reported: a request open for editing or signing, signed requests not yet sent. */
  activity: () => Omit<InstallContext, 'operatorConsented'>;
  onState?: (state: UpdateState) => void;
  /** Default 4 hours; offices are often offline, so checks simply fail quietly until the link is back. */
  checkIntervalMs?: number;
}

export interface Updater {
  state(): UpdateState;
  check(): Promise<UpdateState>;
  /** Installs (quits and restarts) if the policy allows now; call again whenever the activity changes. */
  tryInstall(operatorConsented?: boolean): InstallDecision;
  stop(): void;
}

/**
 * Only the NSIS installation and the AppImage replace themselves. The portable build and the deb package are
 * updated by the administrator (a new file, or the office's apt repository); unpackaged runs have no feed.
 */
export function isAutoUpdateSupported(): boolean {
  if (!app.isPackaged || process.env['PORTABLE_EXECUTABLE_DIR']) return false;
  return process.platform === 'win32' || (process.platform === 'linux' && Boolean(process.env['APPIMAGE']));
}

/** The publish URL electron-builder wrote into the installed app (resources/app-update.yml), if any. */
function builtInFeedUrl(): string | undefined {
  try {
    const config = loadYaml(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8')) as { url?: unknown } | null;
    return typeof config?.url === 'string' ? config.url : undefined;
  } catch {
    return undefined;
  }
}

export function startUpdater(options: UpdaterOptions): Updater {
  let state = INITIAL_UPDATE_STATE;
  const apply = (event: UpdateEvent) => {
    const next = nextUpdateState(state, event);
    if (next === state) return;
    state = next;
    if (event.type === 'failed') options.log.error('update.failed', { code: event.code }, event.message);
    else if (event.type !== 'progress') options.log.info('update.state', { phase: next.phase, ...(next.version ? { version: next.version } : {}) });
    options.onState?.(next);
  };
  const fail = (error: unknown) => apply(failureEvent(error, new Date()));

  autoUpdater.autoDownload = true;
  // Never behind the operator's back on quit: installing follows the policy only (tryInstall).
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = null;
  // Always through the verifying provider: left to itself, electron-updater would read the built-in feed unverified.
  const feedUrl = options.feedUrl || builtInFeedUrl();
  if (feedUrl) autoUpdater.setFeedURL({ provider: 'custom', updateProvider: VerifiedFeedProvider, url: feedUrl, publicKeysPem: PINNED_UPDATE_KEYS } satisfies VerifiedFeedOptions);
  else options.log.warn('update.noFeed', {});

  autoUpdater.on('checking-for-update', () => apply({ type: 'checkStarted' }));
  autoUpdater.on('update-available', (info) => {
    apply({ type: 'updateFound', version: info.version });
    apply({ type: 'downloadStarted' });
  });
  autoUpdater.on('update-not-available', () => apply({ type: 'noUpdate' }));
  autoUpdater.on('download-progress', (progress) => apply({ type: 'progress', percent: progress.percent }));
  autoUpdater.on('update-downloaded', (info) => {
    apply({ type: 'downloaded', version: info.version });
    tryInstall(false);
  });
  autoUpdater.on('error', fail);

  const check = async (): Promise<UpdateState> => {
    // Once a download is under way or done, checking again would only restart it.
    if (!feedUrl || (state.phase !== 'idle' && state.phase !== 'available')) return state;
    await autoUpdater.checkForUpdates().catch(fail);
    return state;
  };

  function tryInstall(operatorConsented = false): InstallDecision {
    const decision = decideInstall(state, { ...options.activity(), operatorConsented });
    if (!decision.install) return decision;
    apply({ type: 'installStarted' });
    options.log.info('update.install', { reason: decision.reason, ...(state.version ? { version: state.version } : {}) });
    // After the IPC reply has gone out; quitAndInstall closes the windows and restarts into the new version.
    setImmediate(() => {
      try {
        autoUpdater.quitAndInstall(false, true);
      } catch (error) {
        fail(error);
      }
    });
    return decision;
  }

  const timer = setInterval(() => void check(), options.checkIntervalMs ?? 4 * 60 * 60 * 1000);
  timer.unref();
  void check();

  return {
    state: () => state,
    check,
    tryInstall,
    stop: () => {
      clearInterval(timer);
      autoUpdater.removeAllListeners();
    },
  };
}
