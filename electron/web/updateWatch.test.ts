import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { writeUpdateFeed } from '../../sandbox/updates/writeUpdateFeed';
import { signUpdateFeed } from '../host/updates/feedSignature';
import { feedFileName } from '../host/updates/updateFeed';
import { watchUpdateFeed } from './updateWatch';

const sandboxes: RunningSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((sandbox) => sandbox.close())));

async function until(predicate: () => boolean) {
  for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('browser-mode update watch', () => {
  it('finds a newer version on the intranet feed, fetches the verified installer, and never installs it itself', async () => {
    const updatesDir = await mkdtemp(join(tmpdir(), 'qabyl-feed-'));
    const release = generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    await writeUpdateFeed(updatesDir, { version: '9.0.0', feedFile: feedFileName('linux'), fileName: 'Qabyl-9.0.0.AppImage', bytes: randomBytes(32 * 1024), sign: (feed) => signUpdateFeed(feed, release.privateKey) });
    const sandbox = await startSandbox({ dataDir: await mkdtemp(join(tmpdir(), 'qabyl-feed-sb-')), updatesDir });
    sandboxes.push(sandbox);
    const downloadDir = await mkdtemp(join(tmpdir(), 'qabyl-feed-dl-'));
    const control = watchUpdateFeed({ baseUrl: `${sandbox.url}/updates/`, publicKeysPem: [release.publicKey], platform: 'linux', currentVersion: '0.1.0', downloadDir });
    await until(() => control.state().phase === 'downloaded');
    expect(control.state()).toMatchObject({ phase: 'downloaded', version: '9.0.0' });
    expect(await readdir(downloadDir)).toContain('Qabyl-9.0.0.AppImage');
    // Busy operator: never; otherwise the decision is the policy's, but browser mode has no way to act on it.
    expect(control.reportActivity({ operatorBusy: true, outboxPending: 0 })).toEqual({ install: false, reason: 'operatorBusy' });
  });
});
