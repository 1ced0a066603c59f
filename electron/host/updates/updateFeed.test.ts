import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import { writeUpdateFeed } from '../../../sandbox/updates/writeUpdateFeed';
import { signUpdateFeed } from './feedSignature';
import { createFeedUpdater, type FeedUpdaterOptions } from './feedUpdater';
import { compareVersions, feedFileName, parseUpdateInfo, pickUpdateFile, UpdateFeedError } from './updateFeed';

const platform: NodeJS.Platform = 'win32';
const INSTALLER = 'Qabyl-Setup-0.2.0.exe';
const cleanups: (() => Promise<void>)[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-updates-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The release's signing key as the test has it; the app pins only the public half. */
const ed25519 = () => generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const release = ed25519();

/** A sandbox serving a feed that offers `version`, as electron-builder would publish it, signed with the release key unless `sign` says otherwise. */
async function feed(version: string, bytes: Uint8Array = randomBytes(64 * 1024), sign: ((feed: Uint8Array) => string) | null = (yaml) => signUpdateFeed(yaml, release.privateKey)) {
  const updatesDir = await tempDir();
  await writeUpdateFeed(updatesDir, { version, feedFile: feedFileName(platform), fileName: INSTALLER, bytes, ...(sign ? { sign } : {}) });
  const sandbox: RunningSandbox = await startSandbox({ dataDir: await tempDir(), updatesDir });
  cleanups.push(() => sandbox.close());
  return { baseUrl: `${sandbox.url}/updates/`, updatesDir, bytes };
}

async function updater(baseUrl: string, overrides: Partial<FeedUpdaterOptions> = {}) {
  const downloadDir = await tempDir();
  const states: string[] = [];
  const u = createFeedUpdater({ baseUrl, publicKeysPem: [release.publicKey], platform, currentVersion: '0.1.0', downloadDir, onChange: (s) => states.push(s.phase), ...overrides });
  return { u, downloadDir, states };
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('compareVersions', () => {
  it.each([
    ['0.2.0', '0.1.0', 1],
    ['0.1.0', '0.1.0', 0],
    ['0.1.0', '0.1.1', -1],
    ['0.10.0', '0.9.9', 1],
    ['v1.0.0', '1.0.0', 0],
    ['1.0', '1.0.0', 0],
    ['1.0.0', '1.0.0-beta.2', 1],
    ['1.0.0-beta.10', '1.0.0-beta.2', 1],
    ['1.0.0+build.7', '1.0.0', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });
});

describe('parseUpdateInfo', () => {
  it('reads the feed electron-builder writes, and the older path/sha512 form', () => {
    const info = parseUpdateInfo("version: 0.2.0\nfiles:\n  - url: Qabyl-Setup-0.2.0.exe\n    sha512: abc==\n    size: 3\npath: Qabyl-Setup-0.2.0.exe\nsha512: abc==\nreleaseDate: '2026-11-22T10:00:00.000Z'\n");
    expect(info).toEqual({ version: '0.2.0', files: [{ url: 'Qabyl-Setup-0.2.0.exe', sha512: 'abc==', size: 3 }], releaseDate: '2026-11-22T10:00:00.000Z' });
    expect(parseUpdateInfo('version: 0.3.0\npath: a.AppImage\nsha512: xyz==\n').files).toEqual([{ url: 'a.AppImage', sha512: 'xyz==' }]);
  });

  it.each(['version: [', 'files: []\n', 'version: 0.2.0\n', '<html>502</html>'])('refuses %j', (text) => {
    expect(() => parseUpdateInfo(text)).toThrow(UpdateFeedError);
  });

  it('picks the installer this platform updates from', () => {
    const info = parseUpdateInfo('version: 1.0.0\nfiles:\n  - url: q.AppImage\n    sha512: a\n  - url: q.exe\n    sha512: b\n');
    expect(pickUpdateFile(info, 'win32').url).toBe('q.exe');
    expect(pickUpdateFile(info, 'linux').url).toBe('q.AppImage');
  });
});

describe('feed updater against the sandbox', () => {
  it('detects a newer version', async () => {
    const { baseUrl } = await feed('0.2.0');
    const { u, states } = await updater(baseUrl);
    expect(await u.check()).toEqual({ phase: 'available', version: '0.2.0' });
    expect(states).toEqual(['checking', 'available']);
  });

  it.each(['0.1.0', '0.0.9'])('ignores version %s when 0.1.0 runs', async (version) => {
    const { baseUrl } = await feed(version);
    const { u } = await updater(baseUrl);
    expect(await u.check()).toEqual({ phase: 'idle' });
    expect(await u.download()).toEqual({ phase: 'idle' });
  });

  it('downloads and verifies the installer', async () => {
    const { baseUrl, bytes } = await feed('0.2.0');
    const { u, downloadDir, states } = await updater(baseUrl);
    await u.check();
    expect(await u.download()).toEqual({ phase: 'downloaded', version: '0.2.0' });
    expect(states).toEqual(['checking', 'available', 'downloading', 'downloaded']);
    expect((await readFile(join(downloadDir, INSTALLER))).equals(bytes)).toBe(true);
  });

  it('refuses a corrupted installer and keeps nothing of it', async () => {
    const { baseUrl, updatesDir, bytes } = await feed('0.2.0');
    const corrupted = Buffer.from(bytes);
    corrupted[1000] = (corrupted[1000] ?? 0) ^ 0xff;
    await writeFile(join(updatesDir, INSTALLER), corrupted);
    const { u, downloadDir } = await updater(baseUrl);
    await u.check();
    const state = await u.download();
    expect(state.phase).toBe('idle');
    expect(state.lastError?.code).toBe('update.checksumMismatch');
    expect(await readdir(downloadDir)).toEqual([]);
  });

  it('an unreachable feed ends in idle with the error kept, nothing thrown', async () => {
    const { u } = await updater(`http://127.0.0.1:${await closedPort()}/qabyl/`, { now: () => new Date('2026-11-22T10:00:00.000Z') });
    const state = await u.check();
    expect(state).toMatchObject({ phase: 'idle', lastError: { code: 'update.unreachable', at: '2026-11-22T10:00:00.000Z' } });
    expect(state.lastError?.message).toContain('ECONNREFUSED');
  });

  it('a folder without a feed ends in idle with the HTTP error', async () => {
    const { baseUrl } = await feed('0.2.0');
    const { u } = await updater(baseUrl, { platform: 'linux' });
    expect(await u.check()).toMatchObject({ phase: 'idle', lastError: { code: 'update.http', message: '/updates/latest-linux.yml: HTTP 404' } });
  });

  it('uses a feed only once it verifies under a pinned key: unsigned, altered, signed by another key or with no key pinned, it is refused', async () => {
    const refusedWith = async (baseUrl: string, overrides: Partial<FeedUpdaterOptions> = {}) => {
      const { u, downloadDir } = await updater(baseUrl, overrides);
      const state = await u.check();
      expect(state.phase).toBe('idle');
      expect(await u.download()).toMatchObject({ phase: 'idle' });
      expect(await readdir(downloadDir)).toEqual([]);
      return state.lastError?.code;
    };
    expect(await refusedWith((await feed('0.2.0', undefined, null)).baseUrl)).toBe('update.unsigned');
    const stranger = ed25519();
    expect(await refusedWith((await feed('0.2.0', undefined, (yaml) => signUpdateFeed(yaml, stranger.privateKey))).baseUrl)).toBe('update.signatureInvalid');
    expect(await refusedWith((await feed('0.2.0')).baseUrl, { publicKeysPem: [] })).toBe('update.unsigned');
    // Whoever can write the feed folder points latest.yml at their own installer; the old signature no longer fits.
    const altered = await feed('0.2.0');
    const forged = randomBytes(64 * 1024);
    await writeFile(join(altered.updatesDir, 'evil.exe'), forged);
    const yaml = await readFile(join(altered.updatesDir, feedFileName(platform)), 'utf8');
    await writeFile(join(altered.updatesDir, feedFileName(platform)), yaml.replaceAll(INSTALLER, 'evil.exe').replaceAll(/sha512: .+/g, `sha512: ${createHash('sha512').update(forged).digest('base64')}`));
    expect(await refusedWith(altered.baseUrl)).toBe('update.signatureInvalid');
    // A key rollover: either pinned key will do.
    const { u } = await updater((await feed('0.2.0')).baseUrl, { publicKeysPem: [stranger.publicKey, release.publicKey] });
    expect(await u.check()).toEqual({ phase: 'available', version: '0.2.0' });
  });

  it('shares one check between concurrent callers', async () => {
    const { baseUrl } = await feed('0.2.0');
    const { u, states } = await updater(baseUrl);
    const [a, b] = await Promise.all([u.check(), u.check()]);
    expect(a).toBe(b);
    expect(states).toEqual(['checking', 'available']);
  });
});
