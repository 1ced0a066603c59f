/**
 * Disaster recovery through the real UI: a request with its document on workstation A, a backup under a
 * passphrase, then a second, fresh workstation (its own data folder and its own data-key secret) restored from
 * that file on its first-run screen: the same operator logs in and finds the request with its document.
 */
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { withCheckDigit } from '../../shared/identity/iin';
import { seriousViolations } from '../support/axe';
import { openServiceForm } from '../support/keyboard';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';
import { startWorkstation, stopProcess, tempDir } from '../support/processes';
import { hostCall } from '../support/workstationData';

const training = useTrainingSetup();
const PASSPHRASE = 'Көктем келді, 2025!';
const pdf = { name: 'төлқұжат.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Qabyl backup test document\n%%EOF\n') };

test('a workstation backed up on one PC is restored on a fresh one, with its operator, request and document', async ({ page, browser }) => {
  const a = training();
  await setUpOrLogIn(page, a.workstation.launchUrl);
  await openServiceForm(page);
  await page.keyboard.type(withCheckDigit('85051530001')!);
  await page.locator('#form-surname').fill('Нұрланова');
  await page.locator('#request-file').setInputFiles(pdf);
  await expect(page.getByText(pdf.name)).toBeVisible();
  const localNumber = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').match(/TRN-\S+/)?.[0] ?? '';
  expect(localNumber).not.toBe('');

  await page.keyboard.press('Alt+l');
  await page.locator('#open-settings').click();
  await page.locator('#backup-passphrase').fill(PASSPHRASE);
  await page.locator('#backup-passphraseRepeat').fill('something else entirely');
  await page.locator('#backup-start').click();
  const message = page.getByTestId('backup-message');
  await expect(message).toHaveText('Кілттік сөздер сәйкес келмейді');
  await page.locator('#backup-passphraseRepeat').fill(PASSPHRASE);
  await page.locator('#backup-start').click();
  // By default into the backups folder beside the workstation's data; the message names the whole path.
  const backupFolder = join(a.dataDir, 'training', 'backups');
  await expect(message).toContainText(`Көшірме дайын: ${join(backupFolder, 'qabyl-TRN-')}`);
  const backupPath = ((await message.textContent()) ?? '').match(/\S+\.qbk/)?.[0] ?? '';
  expect((await stat(backupPath)).size).toBeGreaterThan(pdf.buffer.byteLength);

  // Restore is for a workstation without requests: A refuses it, after showing what the file holds.
  await page.locator('#restore-path').fill(backupPath);
  await page.locator('#restore-passphrase').fill(PASSPHRASE);
  await page.locator('#restore-inspect').click();
  await expect(page.getByTestId('restore-manifest')).toContainText('TRN');
  await page.locator('#restore-confirm').click();
  await expect(page.getByTestId('restore-message')).toHaveText('Бұл жұмыс орнында деректер бар. Қалпына келтіру тек жаңа жұмыс орнында мүмкін.');

  // The replacement PC: nothing of A's but the backup file.
  const b = await startWorkstation(await tempDir('qabyl-e2e-restored-'), a.sandbox.url);
  try {
    // Its own browser profile too, as on another PC.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(b.launchUrl);
    await fresh.locator('#setup-restore').click();
    expect(await seriousViolations(fresh, 'restore')).toEqual([]);
    await fresh.locator('#restore-path').fill(backupPath);
    await fresh.locator('#restore-passphrase').fill('not the passphrase');
    await fresh.locator('#restore-inspect').click();
    await expect(fresh.getByTestId('restore-message')).toHaveText('Кілттік сөз қате: бұл көшірме басқа кілттік сөзбен жасалған.');
    await fresh.locator('#restore-passphrase').fill(PASSPHRASE);
    await fresh.locator('#restore-inspect').click();
    await expect(fresh.getByTestId('restore-manifest')).toContainText('құжаттар: 1');
    await fresh.locator('#restore-confirm').click();

    // The page reloads into the login screen of the restored accounts (a refusal would stay on this screen).
    await expect(fresh.locator('#login-login').or(fresh.locator('[data-testid="restore-message"].error'))).toBeVisible({ timeout: 60_000 });
    await expect(fresh.locator('#login-login')).toBeVisible();
    await fresh.locator('#login-login').fill(OPERATOR.login);
    await fresh.locator('#login-password').fill(OPERATOR.password);
    await fresh.keyboard.press('Enter');
    const row = fresh.getByRole('row').filter({ hasText: localNumber });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Нұрланова');
    await row.click();
    await expect(fresh.getByText(pdf.name)).toBeVisible();
    // The document opens on B under the restored data key, byte for byte.
    const sha256 = createHash('sha256').update(pdf.buffer).digest('hex');
    const { contentBase64 } = (await hostCall(b.launchUrl, 'documents.get', { sha256 })) as { contentBase64: string };
    expect(Buffer.from(contentBase64, 'base64').equals(pdf.buffer)).toBe(true);
    // A's audit chain goes on here, whole: its first account, then the restore itself.
    expect(await hostCall(b.launchUrl, 'audit.verify', {})).toMatchObject({ ok: true });
    const { entries } = (await hostCall(b.launchUrl, 'audit.recent', { limit: 200 })) as { entries: { action: string }[] };
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['operator.accountChanged', 'backup.restored']));
    await context.close();
  } finally {
    await stopProcess(b.child);
  }
});
