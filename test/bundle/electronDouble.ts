/**
 * A test double of the `electron` module, and of nothing else, so the built main bundle (dist/electron/main.mjs) runs
 * in plain Node where no Electron binary exists. Everything else the bundle loads (the host, the embedded sandbox,
 * sharp, the fonts) is the real thing from the real places.
 *
 * It keeps to the Electron rules the bundle depends on and reports to the test (its parent process, over Node's IPC
 * channel) what a desk would see:
 *  - the app becomes ready only after the entry's synchronous code ran, as in Electron; enableSandbox and
 *    registerSchemesAsPrivileged after that throw, as Electron's do;
 *  - the main window's loadURL reports `loaded` with the window's webPreferences;
 *  - `call` invokes the handler main registered with ipcMain.handle, as the preload's ipcRenderer.invoke does, from
 *    the main window's frame or from another one;
 *  - `app` asks the handler main gave protocol.handle for an app:// address; net.fetch reads the file it picks;
 *  - `quit` closes the window as its close button would; the process exits with the code main quits with.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// Types only: the double is checked against Electron's own declarations, and it is the `electron` module here.
// eslint-disable-next-line no-restricted-imports
import type { BrowserWindowConstructorOptions, CustomScheme, WebPreferences } from 'electron';
import { HOST_CALL_CHANNEL } from '../../electron/main/ipcChannel';

/** What the test asks and is answered under the same id. */
export type ShellRequest = { kind: 'call'; method: string; args: unknown; from: 'mainFrame' | 'otherFrame' } | { kind: 'app'; url: string };
export type ToShell = (ShellRequest & { id: number }) | { kind: 'quit' };

export type FromShell =
  | { kind: 'loaded'; url: string; webPreferences: WebPreferences; sandboxEnabled: boolean; privilegedSchemes: string[] }
  | { kind: 'reply'; id: number; reply: unknown }
  | { kind: 'app'; id: number; status: number; contentSecurityPolicy: string | null; filesRead: string[] }
  | { kind: 'errorBox'; title: string; content: string };

const send = (message: FromShell) => process.send?.(message);

let ready = false;
let sandboxEnabled = false;
const privilegedSchemes: string[] = [];
const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
const windows: BrowserWindow[] = [];
const filesRead: string[] = [];

const beforeReady = (what: string) => {
  if (ready) throw new Error(`${what} must be called before the app is ready`);
};

class App extends EventEmitter {
  readonly isPackaged = false;
  private readonly readyPromise = new Promise<void>((resolve) =>
    // Electron is ready once the entry script has run; its imports and top-level code come first.
    setImmediate(() => {
      ready = true;
      this.emit('ready');
      resolve();
    }),
  );
  whenReady = () => this.readyPromise;
  isReady = () => ready;
  enableSandbox = () => {
    beforeReady('app.enableSandbox');
    sandboxEnabled = true;
  };
  getVersion = () => '0.0.0-bundle-test';
  getPath = (name: string) => {
    const userData = process.env['QABYL_TEST_USER_DATA'];
    if (name !== 'userData' || !userData) throw new Error(`the electron test double knows only userData (QABYL_TEST_USER_DATA), not ${name}`);
    return userData;
  };
  quit = () => process.exit(0);
  exit = (code = 0) => process.exit(code);
}

export const app = new App();

class WebContents extends EventEmitter {
  readonly mainFrame = { url: '' };
  readonly session = session.defaultSession;
  setWindowOpenHandler = () => undefined;
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    if (!ready) throw new Error('BrowserWindow cannot be created before the app is ready');
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    send({ kind: 'loaded', url, webPreferences: this.options.webPreferences ?? {}, sandboxEnabled, privilegedSchemes });
  }
  close(): void {
    windows.splice(windows.indexOf(this), 1);
    this.emit('closed');
    if (windows.length === 0) app.emit('window-all-closed');
  }
}

export const ipcMain = {
  handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: CustomScheme[]) => {
    beforeReady('protocol.registerSchemesAsPrivileged');
    privilegedSchemes.push(...schemes.map((scheme) => scheme.scheme));
  },
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
    protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  /** Only the file: addresses the app:// handler asks for. */
  fetch: async (url: string) => {
    const path = fileURLToPath(url);
    filesRead.push(path);
    return new Response(await readFile(path));
  },
};

const permissionHandler = () => undefined;
export const session = {
  defaultSession: { setPermissionRequestHandler: permissionHandler, setPermissionCheckHandler: permissionHandler, setDevicePermissionHandler: permissionHandler },
};

// Encryption for real (AES-GCM under a key of this process), so the vault's wrapped key is not plain text here either.
const storageKey = randomBytes(32);
export const safeStorage = {
  isEncryptionAvailable: () => ready,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plainText: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', storageKey, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString: (encrypted: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', storageKey, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  },
};

export const shell = {
  openExternal: async (url: string) => {
    throw new Error(`the electron test double opens no browser (${url})`);
  },
};

export const dialog = {
  showErrorBox: (title: string, content: string) => {
    process.stderr.write(`${title}: ${content}\n`);
    send({ kind: 'errorBox', title, content });
  },
};

async function answer(message: ToShell): Promise<void> {
  if (message.kind === 'quit') {
    windows[0]?.close();
    return;
  }
  if (message.kind === 'call') {
    const handler = ipcHandlers.get(HOST_CALL_CHANNEL);
    if (!handler) throw new Error(`main registered no handler for ${HOST_CALL_CHANNEL}`);
    const senderFrame = message.from === 'mainFrame' ? windows[0]?.webContents.mainFrame : { url: windows[0]?.webContents.mainFrame.url ?? '' };
    send({ kind: 'reply', id: message.id, reply: await handler({ senderFrame }, message.method, message.args) });
    return;
  }
  const handler = protocolHandlers.get(new URL(message.url).protocol.slice(0, -1));
  if (!handler) throw new Error(`main handles no protocol for ${message.url}`);
  filesRead.length = 0;
  const response = await handler(new Request(message.url));
  send({ kind: 'app', id: message.id, status: response.status, contentSecurityPolicy: response.headers.get('content-security-policy'), filesRead: [...filesRead] });
}

// The test went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0));
process.on('message', (message: ToShell) => {
  answer(message).catch((error: unknown) => {
    process.stderr.write(`electron test double: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  });
});
