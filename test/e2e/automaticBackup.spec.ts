/**
 * The automatic backup through the real page: workstation A, set up with a request and its document, has the
 * automatic backup switched on with a key; its page writes the day's backup into the share on its own. Then a
 * fresh workstation (its own data folder, its own browser profile) restores the newest backup from the first-run
 * screen, by keyboard only, and its operator finds the request.
 */
import { expect, test } from '@playwright/test';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { withCheckDigit } from '../../shared/identity/iin';
import { openServiceForm } from '../support/keyboard';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';
import { startWorkstation, stopProcess, tempDir } from '../support/processes';
import { hostCall } from '../support/workstationData';

const training = useTrainingSetup();
const BACKUP_KEY = 'Түнгі көшірменің кілті 2026';
const IIN = withCheckDigit('87020230001')!;
const pdf = { name: 'куәлік.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Qabyl automatic backup test\n%%EOF\n') };

test('the day’s automatic backup is written on its own and restored, newest first, on a fresh workstation’s first-run screen', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const a = training();
  await setUpOrLogIn(page, a.workstation.launchUrl);
  await openServiceForm(page);
  await page.keyboard.type(IIN);
  await page.locator('#request-file').setInputFiles(pdf);
  await expect(page.getByText(pdf.name)).toBeVisible();
  const localNumber = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').match(/TRN-\S+/)?.[0] ?? '';
  expect(localNumber).not.toBe('');

  // The administrator's settings: on, a share (here a folder of its own), keep 3, and the key set once.
  const share = join(await tempDir('qabyl-e2e-share-'), 'backups');
  await mkdir(share);
  await hostCall(a.workstation.launchUrl, 'settings.update', { autoBackup: { enabled: true, folder: share, keep: 3 } });
  await hostCall(a.workstation.launchUrl, 'autoBackup.setKey', { passphrase: BACKUP_KEY });
  await page.reload();
  // The request reopens where it was left.
  await setUpOrLogIn(page, a.workstation.launchUrl, page.getByText(pdf.name));
  // Nobody presses anything: the page makes the day's backup a few seconds after the desk opens.
  await expect.poll(async () => (await readdir(share)).filter((name) => name.endsWith('-auto.qbk')), { timeout: 60_000 }).toHaveLength(1);
  const [made] = (await readdir(share)).filter((name) => name.endsWith('-auto.qbk'));
  expect(made).toMatch(/^qabyl-TRN-\d{8}-\d{6}-auto\.qbk$/);
  const status = (await hostCall(a.workstation.launchUrl, 'autoBackup.status', {})) as { lastFileName?: string; due: boolean; keySet: boolean };
  expect(status).toMatchObject({ lastFileName: made, due: false, keySet: true });

  const b = await startWorkstation(await tempDir('qabyl-e2e-autorestored-'), a.sandbox.url);
  try {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(b.launchUrl);
    await expect(fresh.locator('#setup-login')).toBeFocused();
    // Keyboard only from here: Tab to "Restore from a backup".
    for (let step = 0; step < 20 && !(await fresh.locator('#setup-restore').evaluate((link) => link === document.activeElement)); step += 1) await fresh.keyboard.press('Tab');
    await expect(fresh.locator('#setup-restore')).toBeFocused();
    await fresh.keyboard.press('Enter');
    await expect(fresh.locator('#restore-folder')).toBeFocused();
    await fresh.keyboard.type(share);
    await fresh.keyboard.press('Enter');
    await expect(fresh.locator('#restore-path')).toHaveValue(join(share, made!));
    await expect(fresh.locator('#restore-passphrase')).toBeFocused();
    await fresh.keyboard.type(BACKUP_KEY);
    await fresh.keyboard.press('Enter');
    await expect(fresh.getByTestId('restore-manifest')).toContainText('құжаттар: 1');
    await expect(fresh.locator('#restore-confirm')).toBeFocused();
    await fresh.keyboard.press('Enter');

    // The restored accounts' login screen; the operator logs in and finds the request.
    await expect(fresh.locator('#login-login').or(fresh.locator('[data-testid="restore-message"].error'))).toBeVisible({ timeout: 60_000 });
    await expect(fresh.locator('#login-login')).toBeFocused();
    await fresh.keyboard.type(OPERATOR.login);
    await fresh.keyboard.press('Tab');
    await fresh.keyboard.type(OPERATOR.password);
    await fresh.keyboard.press('Enter');
    const row = fresh.getByRole('row').filter({ hasText: localNumber });
    await expect(row).toBeVisible();
    await expect(row).toContainText(IIN);
    await context.close();
  } finally {
    await stopProcess(b.child);
  }
});
