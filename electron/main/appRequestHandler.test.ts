import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/host/contentSecurityPolicy';
import { expectStrictPolicy } from '../../test/support/strictPolicy';
import { appRequestHandler } from './appRequestHandler';

const promptOrigin = 'http://127.0.0.1:4567';
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'qabyl-app-'));
  const rendererDir = join(parent, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(rendererDir, 'assets', 'main.js'), 'console.log("app")');
  // A secret next to the renderer build: what a traversal would be after.
  await writeFile(join(parent, 'secret.txt'), 'SECRET');
  // Electron's net.fetch reads file: URLs; a plain read stands in for it (no Electron binary here).
  handle = appRequestHandler({ rendererDir, contentSecurityPolicy: contentSecurityPolicy(promptOrigin), fetchFile: async (path) => new Response(await readFile(path)) });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// request handler', () => {
  it('serves the renderer’s files and the app shell for client-side screens, with the strict CSP', async () => {
    const script = await get('app://qabyl/assets/main.js');
    expect(await script.text()).toBe('console.log("app")');
    expectStrictPolicy(script.headers.get('content-security-policy'), promptOrigin);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const screen = await get('app://qabyl/requests/42');
    expect(await screen.text()).toContain('<title>app</title>');
    expectStrictPolicy(screen.headers.get('content-security-policy'), promptOrigin);
  });

  it.each([
    'app://qabyl/../secret.txt',
    'app://qabyl/%2e%2e/secret.txt',
    'app://qabyl/%2E%2E%2Fsecret.txt',
    'app://qabyl/..%2Fsecret.txt',
    'app://qabyl/assets/..%2F..%2Fsecret.txt',
    'app://qabyl/..%5Csecret.txt',
    'app://qabyl/..\\secret.txt',
    'app://qabyl/%2Fetc%2Fpasswd',
    'app://qabyl//etc/passwd',
    'app://qabyl/C:%5CWindows%5Cwin.ini',
    'app://qabyl/index.html%00.js',
    'app://qabyl/%E0%A4%A',
  ])('never reads outside the renderer build: %s', async (url) => {
    const response = await get(url);
    const body = await response.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('root:');
    // Whatever the answer, it carries the policy.
    expectStrictPolicy(response.headers.get('content-security-policy'), promptOrigin);
  });

  it('answers 404 for a missing file, another app host, and a NUL byte', async () => {
    expect((await get('app://qabyl/assets/missing.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://qabyl/index.html%00.js')).status).toBe(404);
  });

  it('only reads', async () => {
    expect((await get('app://qabyl/index.html', 'POST')).status).toBe(405);
  });
});
