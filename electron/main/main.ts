/**
 * Electron shell: window, security policy and IPC. Everything else is the host (electron/host), which
 * runs the same here as in browser mode.
 */
import { app, BrowserWindow, ipcMain, safeStorage, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { dispatchHostCall } from '../host/dispatchHostCall';
import { startWorkstation } from '../compose/startWorkstation';
import { createHostLog } from '../host/logging/hostLog';
import { createSettingsStore } from '../host/settings/settingsStore';
import { isAutoUpdateSupported, startUpdater } from './updater';
import { registerAppScheme, serveAppScheme } from './appProtocol';
import { APP_ORIGIN, isAllowedFrameUrl, isAppUrl, isTrustedSender } from './appUrl';
import { HOST_CALL_CHANNEL } from './ipcChannel';
import { contentSecurityPolicy } from '../../shared/host/contentSecurityPolicy';

registerAppScheme();

function lockDown(contents: WebContents, promptOrigin: string) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameUrl(event.url, promptOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

async function start() {
  await app.whenReady();
  let mainWindow: BrowserWindow | null = null;
  const baseDir = app.getPath('userData');
  const log = createHostLog({ dir: join(baseDir, 'logs') });
  let activity = { operatorBusy: false, outboxPending: 0 };
  const feedUrl = (await createSettingsStore(join(baseDir, 'settings.json')).load()).updates.feedUrl;
  const updater = isAutoUpdateSupported() ? startUpdater({ log, ...(feedUrl ? { feedUrl } : {}), activity: () => activity }) : undefined;
  const workstation = await startWorkstation({
    shell: 'electron',
    version: app.getVersion(),
    baseDir,
    appOrigin: () => APP_ORIGIN,
    log,
    // After whenReady: only then does Linux know which keyring backend safeStorage got.
    dataProtection: { kind: 'safeStorage', safeStorage },
    ...(updater
      ? {
          updates: {
            state: () => updater.state(),
            reportActivity: (reported: typeof activity) => {
              activity = reported;
              return updater.tryInstall(false);
            },
            install: () => updater.tryInstall(true),
          },
        }
      : {}),
  });
  const { promptOrigin, handlers } = workstation.host;

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveAppScheme(join(__dirname, '..', 'renderer'), contentSecurityPolicy(promptOrigin));
  app.on('web-contents-created', (_event, contents) => lockDown(contents, promptOrigin));

  ipcMain.handle(HOST_CALL_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame, mainWindow?.webContents.mainFrame)) return { ok: false, error: { code: 'bridge.unauthorized' } };
    return dispatchHostCall(handlers, String(method), args);
  });

  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Qabyl',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
      // Chromium's PDF viewer, which prints the applicant's receipts from a blob: frame.
      plugins: true,
    },
  });
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    updater?.stop();
    void workstation.close().finally(() => app.quit());
  });
}

start().catch((error: unknown) => {
  console.error('Qabyl could not start:', error);
  app.exit(1);
});
