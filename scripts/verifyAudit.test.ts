import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { auditFileIn } from '../electron/host/audit/auditChain';
import { openAuditLog } from '../electron/host/audit/auditLog';

const run = promisify(execFile);
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qabyl-audit-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The CLI as an administrator runs it; resolves with the exit code and its one line. */
async function verifyCli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/verifyAudit.ts', '--data', dataDir, ...args]);
    return { code: 0, out: stdout.trim() };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: `${failed.stdout}${failed.stderr}`.trim() };
  }
}

it('exits 0 on an intact log and 1 with a one-line reason once an entry is edited', async () => {
  const log = await openAuditLog({ dir: join(dataDir, 'audit') });
  await log.append({ actor: { operatorId: 'op-1', login: 'aigerim' }, action: 'settings.changed', subject: 'office.code' });
  await log.close();
  const keyFile = join(dataDir, 'pinned.pem');
  const intact = await verifyCli('--export-key', keyFile);
  expect(intact).toMatchObject({ code: 0 });
  expect(intact.out).toMatch(/^intact: 4 entries, 2 signed checkpoints/);
  expect(await readFile(keyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
  expect((await verifyCli('--public-key', keyFile)).code).toBe(0);

  const file = auditFileIn(join(dataDir, 'audit'));
  await writeFile(file, (await readFile(file, 'utf8')).replace('office.code', 'office.name'));
  const edited = await verifyCli();
  expect(edited.code).toBe(1);
  expect(edited.out).toMatch(/^NOT INTACT: edited at entry 3: /);
  expect(edited.out.split('\n')).toHaveLength(1);
}, 60_000);

it('exits 2 where there is no log', async () => {
  expect((await verifyCli()).code).toBe(2);
}, 60_000);
