/**
 * The main window: the renderer gets no Node, its own JavaScript world, Chromium's sandbox, and no way to weaken
 * web security. Devtools would let anyone at a shared office PC read and change the store of record, so an
 * installed production build has none; development (`npm start`) and training keep them.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowContext {
  preloadPath: string;
  /** app.isPackaged: an installed build rather than `npm start`. */
  isPackaged: boolean;
  training: boolean;
}

export const devToolsAllowed = ({ isPackaged, training }: Pick<MainWindowContext, 'isPackaged' | 'training'>): boolean => !isPackaged || training;

/**
 * Takes the constructor so tests can hand in a recording fake (the Electron binary cannot run here), and so the
 * static scan (scripts/securityScan.ts) sees the literal options at the `new BrowserWindow` call.
 */
export function createMainWindow<Window>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => Window, context: MainWindowContext): Window {
  return new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Qabyl',
    webPreferences: {
      preload: context.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click would ask for a new window; there is no reason for the event to exist.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      devTools: devToolsAllowed(context),
      spellcheck: false,
      // Chromium's PDF viewer, which prints the applicant's receipts from a blob: frame.
      plugins: true,
    },
  });
}
