import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, devToolsAllowed } from './windowOptions';

/** Records what the shell asks of Electron: the Electron binary cannot run here, so a fake stands in for BrowserWindow. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const preferencesFor = (isPackaged: boolean, training: boolean) =>
  createMainWindow(RecordingWindow, { preloadPath: '/app/dist/electron/preload.cjs', isPackaged, training }).options.webPreferences!;

describe('main window options', () => {
  it('isolates the renderer: own JS world, Chromium sandbox, no Node anywhere, no webviews', () => {
    const preferences = preferencesFor(true, false);
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/dist/electron/preload.cjs',
    });
    // webSecurity must never be switched off; Electron's default is on, and we say so explicitly.
    expect(preferences.webSecurity).toBe(true);
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('has no devtools in an installed production build, and keeps them for development and training', () => {
    expect(preferencesFor(true, false).devTools).toBe(false);
    expect(preferencesFor(true, true).devTools).toBe(true);
    expect(preferencesFor(false, false).devTools).toBe(true);
    expect(devToolsAllowed({ isPackaged: true, training: false })).toBe(false);
  });
});
