/**
 * The Electron binary cannot run here, so tiny hand-made fakes stand in for WebContents, Session and the IPC
 * event: they record the listeners the policy installs, and the tests fire them as Electron would.
 */
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/host/hostApi';
import { HostError } from '../../shared/host/hostError';
import { denyAllPermissions, hostCallHandler, lockDownContents } from './securityPolicy';

type Listener = (event: { url?: string; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  };
  /** Fires an event and tells whether the policy prevented it; an event nobody listens to is never prevented. */
  const fire = (name: string, url?: string) => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents: contents as unknown as WebContents, fire, openWindow: (url: string) => openHandler?.({ url }) };
}

const promptOrigin = 'http://127.0.0.1:4567';

function lockedDown() {
  const opened: string[] = [];
  const fake = fakeContents();
  lockDownContents(fake.contents, { promptOrigin, gatewayUrl: () => 'https://gateway.example/', openExternal: async (url) => void opened.push(url) });
  return { ...fake, opened };
}

describe('web contents lock-down', () => {
  it('lets the page navigate only within app://', () => {
    const { fire } = lockedDown();
    expect(fire('will-navigate', 'app://qabyl/index.html#/requests')).toBe(false);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/index.html', `${promptOrigin}/sign/1`, 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(fire('will-navigate', url), url).toBe(true);
    }
  });

  it('lets frames load only our page or the signing prompt', () => {
    const { fire } = lockedDown();
    expect(fire('will-frame-navigate', `${promptOrigin}/sign/abc`)).toBe(false);
    expect(fire('will-frame-navigate', 'app://qabyl/index.html')).toBe(false);
    expect(fire('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-frame-navigate', 'http://127.0.0.1:9999/sign/abc')).toBe(true);
  });

  it('never attaches a webview', () => {
    expect(lockedDown().fire('will-attach-webview')).toBe(true);
  });

  it('never opens a window; an allow-listed link goes to the system browser, anything else nowhere', async () => {
    const { openWindow, opened } = lockedDown();
    expect(openWindow('https://egov.kz/cms/ru')).toEqual({ action: 'deny' });
    expect(openWindow('https://gateway.example/status/42')).toEqual({ action: 'deny' });
    expect(openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(openWindow('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(openWindow('app://qabyl/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://egov.kz/cms/ru', 'https://gateway.example/status/42']);
  });
});

describe('permissions', () => {
  it('refuses every permission request and check, and every device', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: never) => (handlers['request'] = handler),
      setPermissionCheckHandler: (handler: never) => (handlers['check'] = handler),
      setDevicePermissionHandler: (handler: never) => (handlers['device'] = handler),
    } as unknown as Session;
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      const answers: boolean[] = [];
      handlers['request']!({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl: 'app://qabyl/index.html' });
      expect(answers, permission).toEqual([false]);
      expect(handlers['check']!({}, permission, 'app://qabyl', {}), permission).toBe(false);
    }
    expect(handlers['device']!({ deviceType: 'usb', origin: 'app://qabyl' })).toBe(false);
  });
});

describe('host-call IPC handler', () => {
  const calls: unknown[] = [];
  const handlers = {
    'operators.status': async (args: unknown) => {
      calls.push(args);
      return { hasOperators: true };
    },
    'operators.login': async () => {
      throw new HostError('operators.invalidCredentials');
    },
  } as unknown as HostHandlers;
  const mainFrame = { url: 'app://qabyl/index.html' };
  const handle = hostCallHandler(handlers, () => mainFrame);
  const from = (senderFrame: { url: string } | null) => ({ senderFrame }) as Parameters<typeof handle>[0];

  it('answers our page’s main frame through the contract', async () => {
    expect(await handle(from(mainFrame), 'operators.status', {})).toEqual({ ok: true, value: { hasOperators: true } });
    expect(await handle(from(mainFrame), 'operators.login', { login: 'a', password: 'b' })).toEqual({ ok: false, error: { code: 'operators.invalidCredentials' } });
  });

  it('refuses an iframe, a page the frame navigated to, a destroyed frame, and any window but ours', async () => {
    const before = calls.length;
    expect(await handle(from({ url: 'app://qabyl/index.html' }), 'operators.status', {})).toEqual({ ok: false, error: { code: 'bridge.unauthorized' } });
    const navigatedAway = { url: 'https://evil.example/' };
    expect(await hostCallHandler(handlers, () => navigatedAway)(from(navigatedAway), 'operators.status', {})).toMatchObject({ error: { code: 'bridge.unauthorized' } });
    expect(await handle(from(null), 'operators.status', {})).toMatchObject({ error: { code: 'bridge.unauthorized' } });
    expect(await hostCallHandler(handlers, () => undefined)(from(mainFrame), 'operators.status', {})).toMatchObject({ error: { code: 'bridge.unauthorized' } });
    expect(calls.length).toBe(before);
  });

  it('validates the method and its arguments before any service sees them', async () => {
    const before = calls.length;
    expect(await handle(from(mainFrame), 'operators.status', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bridge.badRequest' } });
    expect(await handle(from(mainFrame), 'operators.login', { login: 42 })).toMatchObject({ ok: false, error: { code: 'bridge.badRequest' } });
    expect(await handle(from(mainFrame), 'no.such', {})).toMatchObject({ ok: false, error: { code: 'bridge.unknownMethod' } });
    expect(await handle(from(mainFrame), { toString: () => 'operators.status' }, {})).toMatchObject({ ok: false, error: { code: 'bridge.badRequest' } });
    expect(await handle(from(mainFrame), '__proto__', {})).toMatchObject({ ok: false, error: { code: 'bridge.unknownMethod' } });
    expect(calls.length).toBe(before);
  });
});
