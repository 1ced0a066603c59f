/**
 * The audit log through the real UI and host: an operator's action reaches the log with who did it, a
 * supervisor-level account reads it and verifies it intact, the command-line verifier agrees, and an entry
 * edited on disk is named by the next Verify.
 */
import { expect, test } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seriousViolations } from '../support/axe';
import { openServiceForm, tabTo } from '../support/keyboard';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';
import { runTsCommand } from '../support/processes';

const training = useTrainingSetup();

test('an action is recorded, shown on the audit screen and verified; an edit on disk is caught', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await openServiceForm(page);
  await page.locator('#form-phone').fill('+7 701 123 45 67');

  // Leaving the request records the changed field names at once; the administrator sees the audit screen.
  await page.locator('#open-audit').click();
  const entries = page.getByTestId('audit-entries');
  await expect(entries.locator('tr[data-action="audit.genesis"]')).toHaveCount(1);

  // Verify reads the log again, with whatever arrived since the screen opened.
  await tabTo(page, 'audit-verify');
  await page.keyboard.press('Enter');
  await expect(page.locator('#audit-verdict')).toContainText(/Журнал тұтас: \d+ жазба, \d+ бақылау нүктесі/);
  await expect(entries.locator('tr[data-action="request.created"]')).toContainText(OPERATOR.login);
  const changed = entries.locator('tr[data-action="request.changed"]');
  await expect(changed).toContainText('fields: phone');
  await expect(changed).not.toContainText('701');
  expect(await seriousViolations(page, 'audit log')).toEqual([]);
  // The key saved from the screen is the one the command-line verifier can pin.
  const download = page.waitForEvent('download');
  await page.locator('#audit-save-key').click();
  const keyFile = await (await download).path();
  expect(await readFile(keyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
  const cli = await runTsCommand('scripts/verifyAudit.ts', ['--data', join(training().dataDir, 'training'), '--public-key', keyFile]);
  expect(cli.code).toBe(0);
  expect(cli.stdout).toMatch(/^intact: /);

  const file = join(training().dataDir, 'training', 'audit', 'audit.jsonl');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.includes('"request.changed"'));
  const seq = (JSON.parse(lines[index]!) as { seq: number }).seq;
  lines[index] = lines[index]!.replace('"phone"', '"address"');
  await writeFile(file, lines.join('\n'));
  await page.locator('#audit-verify').click();
  await expect(page.locator('#audit-verdict')).toContainText(`№ ${seq} жазба өзгертілген`);
  expect((await runTsCommand('scripts/verifyAudit.ts', ['--data', join(training().dataDir, 'training')])).code).toBe(1);
});
