/**
 * The administrator's settings through the real UI: edit and save, a rollout file with a mistake refused
 * with its reason and nothing changed, a good one applied, and a mode switch announced as needing a restart.
 */
import { expect, test } from '@playwright/test';
import { setUpOrLogIn, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();
const asFile = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });

test('an administrator edits settings and rolls them out from a file', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await page.locator('#open-settings').click();
  const message = page.getByTestId('settings-message');

  await page.locator('#settings-officeName').fill('Алматы, №7 ХҚКО');
  await page.locator('#settings-save').click();
  await expect(message).toHaveText('Баптаулар сақталды');

  await page.locator('#settings-file').setInputFiles(asFile('bad.json', { retentionDays: 30, retentonDays: 5 }));
  await expect(message).toHaveText('Баптаулар қате, ештеңе өзгертілмеді');
  await expect(page.locator('#settings-retentionDays')).toHaveValue('90');

  await page.locator('#settings-file').setInputFiles(asFile('rollout.json', { office: { code: 'ALM-07' }, retentionDays: 30, language: 'ru' }));
  await expect(message).toHaveText('Баптаулар сақталды');
  await expect(page.locator('#settings-officeCode')).toHaveValue('ALM-07');
  await expect(page.locator('#settings-retentionDays')).toHaveValue('30');
  // No operator has picked a language on this machine yet, so the workstation's new default applies at once.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Настройки');

  await page.locator('#settings-trainingMode').uncheck();
  await page.locator('#settings-save').click();
  await expect(message).toContainText('после перезапуска');
  // Put training back, so this workstation keeps running against the sandbox after any restart.
  await page.locator('#settings-trainingMode').check();
  await page.locator('#settings-save').click();

  // The new office code numbers the next request at once.
  await page.getByRole('button', { name: 'К списку' }).click();
  await page.keyboard.press('Alt+n');
  await page.keyboard.type('ескерткіш');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ALM-07-');
});
