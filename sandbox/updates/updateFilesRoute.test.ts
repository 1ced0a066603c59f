import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { problemTypes } from '../problems';
import { makeDataDir, removeDataDirs } from '../sandboxTestKit';
import { startSandbox, type RunningSandbox } from '../server';
import { writeUpdateFeed } from './writeUpdateFeed';

const running: RunningSandbox[] = [];

async function start(updatesDir?: string): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ dataDir: await makeDataDir(), ...(updatesDir !== undefined ? { updatesDir } : {}) });
  running.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await removeDataDirs();
});

/** Raw request, so paths reach the server exactly as written (fetch would normalise `..`). */
const rawGet = (url: string, path: string) =>
  new Promise<number>((resolve, reject) => {
    httpRequest(new URL(url), { path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });

describe('GET /updates/<file>', () => {
  it('serves the feed and the installer byte for byte', async () => {
    const dir = await makeDataDir();
    const bytes = randomBytes(300_000);
    const { sha512 } = await writeUpdateFeed(dir, { version: '1.2.3', feedFile: 'latest.yml', fileName: 'Qabyl-Setup-1.2.3.exe', bytes });
    const sandbox = await start(dir);

    const feed = await fetch(`${sandbox.url}/updates/latest.yml`);
    expect(feed.headers.get('content-type')).toMatch(/^text\/yaml/);
    const text = await feed.text();
    expect(text).toContain('version: 1.2.3');
    expect(text).toContain(`sha512: ${sha512}`);

    const file = await fetch(`${sandbox.url}/updates/Qabyl-Setup-1.2.3.exe`);
    expect(file.headers.get('content-length')).toBe(String(bytes.length));
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers problems for missing files and other methods', async () => {
    const sandbox = await start(await makeDataDir());
    const missing = await fetch(`${sandbox.url}/updates/latest-linux.yml`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { type: string }).type).toBe(problemTypes.notFound);
    const post = await fetch(`${sandbox.url}/updates/latest.yml`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never leaves the folder', async () => {
    const dir = await makeDataDir();
    await writeFile(join(dir, '.hidden'), 'secret');
    const sandbox = await start(join(dir, 'feed'));
    for (const path of ['/updates/..%2F.hidden', '/updates/%2e%2e%2f.hidden', '/updates/.hidden', '/updates/..', '/updates/a%5C..%5Cb', '/updates/%E0%A4%A']) {
      expect(await rawGet(sandbox.url, path), path).toBe(404);
    }
  });

  it('does not exist without an updates folder', async () => {
    const sandbox = await start();
    expect((await fetch(`${sandbox.url}/updates/latest.yml`)).status).toBe(404);
  });
});
