/** SIGKILL while the log is being written, again and again: every restart finds a chain that verifies. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openAuditLog } from './auditLog';
import { verifyAuditLog } from './verifyAuditLog';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the appender until it has written for `ms`, then kills it without warning. */
function appendThenKill(auditDir: string, ms: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/audit/appendUntilKilled.testkit.ts', auditDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`appender stopped by itself (${signal})`))));
  });
}

it('a log killed mid-write five times over still verifies after each restart', async () => {
  dir = await mkdtemp(join(tmpdir(), 'qabyl-audit-kill-'));
  let entries = 0;
  for (let round = 0; round < 5; round++) {
    await appendThenKill(dir, 150 + round * 37);
    const afterKill = await verifyAuditLog(dir);
    // A kill can at most leave a cut last line (the kernel finishes a write it started; a power cut may not).
    if (!afterKill.ok) expect(afterKill.firstProblem?.kind).toBe('truncatedTail');
    await (await openAuditLog({ dir })).close();
    const reopened = await verifyAuditLog(dir);
    expect(reopened).toMatchObject({ ok: true, sealedThrough: reopened.entries });
    expect(reopened.entries).toBeGreaterThan(entries);
    entries = reopened.entries;
  }
}, 120_000);
