/**
 * Electron shell: window, security policy and IPC. Everything else is the host (electron/host), which
 * runs the same here as in browser mode.
 */
// BrowserWindow under another name: bundled, windowOptions' own `new BrowserWindow` then keeps its name, which
// the static scan (scripts/securityScan.ts) needs to check the window's options.
import { app, BrowserWindow as ElectronBrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { startWorkstation } from '../compose/startWorkstation';
import { createHostLog } from '../host/logging/hostLog';
import { createSettingsStore } from '../host/settings/settingsStore';
import { isAutoUpdateSupported, startUpdater } from './updater';
import { registerAppScheme, serveAppScheme } from './appProtocol';
import { APP_ORIGIN } from './appUrl';
import { HOST_CALL_CHANNEL } from './ipcChannel';
import { denyAllPermissions, hostCallHandler, lockDownContents } from './securityPolicy';
import { createMainWindow } from './windowOptions';
import { contentSecurityPolicy } from '../../shared/host/contentSecurityPolicy';

registerAppScheme();
// Every renderer in Chromium's sandbox, also any the window options did not create.
app.enableSandbox();

async function start() {
  await app.whenReady();
  let mainWindow: ElectronBrowserWindow | null = null;
  const baseDir = app.getPath('userData');
  const log = createHostLog({ dir: join(baseDir, 'logs') });
  let activity = { operatorBusy: false, outboxPending: 0 };
  const feedUrl = (await createSettingsStore(join(baseDir, 'settings.json')).load()).updates.feedUrl;
  // Until the host is up it cannot say whether a backup comes first: no update installs before it can.
  let updateWaitsForBackup = () => true;
  const updater = isAutoUpdateSupported()
    ? startUpdater({ log, ...(feedUrl ? { feedUrl } : {}), activity: () => ({ ...activity, operatorBusy: activity.operatorBusy || updateWaitsForBackup() }) })
    : undefined;
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
  updateWaitsForBackup = () => workstation.host.updateWaitsForBackup();

  denyAllPermissions(session.defaultSession);
  // main.mjs is an ES module (scripts/buildApp.ts): its folder is import.meta.dirname, there is no __dirname.
  serveAppScheme(join(import.meta.dirname, '..', 'renderer'), contentSecurityPolicy(promptOrigin));
  const contentsPolicy = { promptOrigin, gatewayUrl: () => workstation.gatewayUrl, openExternal: (url: string) => shell.openExternal(url) };
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, contentsPolicy));
  ipcMain.handle(HOST_CALL_CHANNEL, hostCallHandler(handlers, () => mainWindow?.webContents.mainFrame));

  mainWindow = createMainWindow(ElectronBrowserWindow, { preloadPath: join(import.meta.dirname, 'preload.cjs'), isPackaged: app.isPackaged, training: workstation.training });
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    updater?.stop();
    void workstation.close().finally(() => app.quit());
  });
}

start().catch((error: unknown) => {
  console.error('Qabyl could not start:', error);
  // A refusal such as an unprotected data key is for the person at the desk, who sees no console.
  dialog.showErrorBox('Qabyl', `Qabyl could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
