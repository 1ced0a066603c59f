/**
 * Every screen of the workstation, checked with axe: no serious or critical accessibility violation, in the
 * default Kazakh interface, walked with the keyboard as far as a screen allows.
 */
import { expect, test } from '@playwright/test';
import { seriousViolations } from '../support/axe';
import { OPERATOR, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();

test('no serious or critical accessibility violations on any screen', async ({ page }) => {
  const found: string[] = [];
  await page.goto(training().workstation.launchUrl);
  await expect(page.locator('#setup-login')).toBeVisible();
  found.push(...(await seriousViolations(page, 'setup')));

  await page.locator('#setup-login').fill(OPERATOR.login);
  await page.locator('#setup-fullName').fill(OPERATOR.fullName);
  await page.locator('#setup-iin').fill(OPERATOR.iin);
  await page.locator('#setup-password').fill(OPERATOR.password);
  await page.locator('#setup-passwordRepeat').fill(OPERATOR.password);
  await page.keyboard.press('Enter');
  await expect(page.locator('#new-request')).toBeVisible();
  found.push(...(await seriousViolations(page, 'request list')));

  await page.keyboard.press('Alt+n');
  await expect(page.locator('#picker-search')).toBeFocused();
  found.push(...(await seriousViolations(page, 'service picker')));
  await page.keyboard.type('ескерткіш');
  await page.keyboard.press('Enter');
  await expect(page.locator('#picker-kind')).toBeFocused();
  found.push(...(await seriousViolations(page, 'request kind')));
  await page.keyboard.press('Enter');
  await expect(page.locator('#form-iin')).toBeFocused();
  found.push(...(await seriousViolations(page, 'request form')));

  await page.locator('#request-sign').click();
  found.push(...(await seriousViolations(page, 'request form with problems shown')));

  // The scan panel with pages in it (training's virtual scanner), then closed with Esc.
  await page.locator('[id^=scan-open-]').first().click();
  await expect(page.locator('#scan-start')).toBeFocused();
  await page.locator('#scan-input').selectOption('platen');
  await page.locator('#scan-start').click();
  await expect(page.getByTestId('scan-pages').getByRole('option')).toHaveCount(1);
  found.push(...(await seriousViolations(page, 'scan panel')));
  await page.getByTestId('scan-pages').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scan-panel')).toHaveCount(0);
  await page.getByRole('button', { name: 'Тізімге оралу' }).click();

  await page.locator('#open-catalog').click();
  await expect(page.getByTestId('catalog-version')).toBeVisible();
  found.push(...(await seriousViolations(page, 'catalog')));
  await page.getByRole('button', { name: 'Тізімге оралу' }).click();

  await page.locator('#open-settings').click();
  await expect(page.locator('#settings-officeCode')).toBeVisible();
  found.push(...(await seriousViolations(page, 'settings')));

  await page.keyboard.press('Alt+o');
  await expect(page.getByRole('heading', { name: 'Жіберу кезегі' })).toBeVisible();
  found.push(...(await seriousViolations(page, 'outbox')));
  await page.keyboard.press('Alt+d');
  await expect(page.getByRole('heading', { name: 'Күн есебі' })).toBeVisible();
  found.push(...(await seriousViolations(page, 'day report')));

  expect(found).toEqual([]);
});
