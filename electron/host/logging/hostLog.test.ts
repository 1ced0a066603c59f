import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostLog } from './hostLog';

const IIN = '900101300123';
const dirs: string[] = [];
const AT = new Date('2026-11-22T10:00:00.000Z');

async function logDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-log-'));
  dirs.push(dir);
  return join(dir, 'logs');
}

async function allText(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')))).join('');
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('host log', () => {
  it('writes JSON lines with whitelisted fields', async () => {
    const dir = await logDir();
    const log = createHostLog({ dir, now: () => AT });
    log.info('sync.delivered', { submissionId: '550e8400-e29b-41d4-a716-446655440000', durationMs: 42, attempt: 1 });
    expect(JSON.parse(await readFile(join(dir, 'host.log'), 'utf8'))).toEqual({
      t: AT.toISOString(),
      level: 'info',
      event: 'sync.delivered',
      submissionId: '550e8400-e29b-41d4-a716-446655440000',
      durationMs: 42,
      attempt: 1,
    });
  });

  it('never lets an IIN or a name reach the file, whichever way it is passed', async () => {
    const dir = await logDir();
    const log = createHostLog({ dir });
    log.info('applicant.lookup', { iin: IIN, surname: 'Иванов', code: `lookup ${IIN}` });
    log.warn(`event ${IIN}`, { reason: 'Иванов Иван Иванович' });
    log.error('signing.failed', { submissionId: IIN }, new Error(`certificate of ИВАНОВ ИВАН (IIN${IIN}) does not match`));
    log.error('sync.failed', {}, `gateway said: applicant ${IIN} unknown`);
    const text = await allText(dir);
    expect(text).not.toContain(IIN);
    expect(text).not.toMatch(/\d{10,}/);
    expect(text).not.toMatch(/Иванов|ИВАНОВ/);
    expect(text).toContain('"droppedFields":2');
  });

  it('rotates by size and keeps at most maxFiles files', async () => {
    const dir = await logDir();
    const log = createHostLog({ dir, maxBytes: 1000, maxFiles: 3 });
    for (let i = 0; i < 100; i++) log.info('tick', { count: i });
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['host.1.log', 'host.2.log', 'host.log']);
    for (const name of names) expect((await readFile(join(dir, name))).length).toBeLessThanOrEqual(1000);
    const newest = (await readFile(join(dir, 'host.log'), 'utf8')).trim().split('\n');
    expect(JSON.parse(newest.at(-1)!)).toMatchObject({ count: 99 });
    expect(log.files()).toEqual(['host.log', 'host.1.log', 'host.2.log'].map((name) => join(dir, name)));
  });

  it('continues an existing file after a restart, counting its size', async () => {
    const dir = await logDir();
    createHostLog({ dir, maxBytes: 300 }).info('first', { count: 1 });
    const again = createHostLog({ dir, maxBytes: 300 });
    for (let i = 0; i < 5; i++) again.info('next', { count: i });
    expect((await readdir(dir)).length).toBeGreaterThan(1);
  });

  it('lists recent errors, scrubbed, oldest first', async () => {
    const dir = await logDir();
    const log = createHostLog({ dir, now: () => AT });
    log.error('sync.failed', { code: 'gateway.unavailable' }, new Error('HTTP 503'));
    log.info('sync.delivered', { count: 1 });
    log.error('update.failed', {}, new Error(`feed for ${IIN}`));
    expect(log.recentErrors()).toEqual([
      `${AT.toISOString()} sync.failed gateway.unavailable — Error: HTTP 503`,
      `${AT.toISOString()} update.failed — Error: feed for [number]`,
    ]);
    expect(log.recentErrors(1)).toHaveLength(1);
  });

  it('never throws, even when the folder cannot be written', async () => {
    const dir = await logDir();
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, '..'), { recursive: true });
    await writeFile(dir, 'a file where the folder should be');
    const log = createHostLog({ dir });
    expect(() => log.error('x', {}, new Error('y'))).not.toThrow();
    expect(log.recentErrors()).toEqual([]);
  });
});
