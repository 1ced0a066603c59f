/**
 * Issue 20, "should fix": the review reads back every answer the signature covers, and the key picker tells each
 * key's owner, IIN, algorithm and validity and which keys cannot sign and why before the password — after a key's
 * first unlock on this workstation, since NCA key files encrypt their certificate with the password. Keyboard only.
 */
import { expect, test, type Page } from '@playwright/test';
import { withCheckDigit } from '../../shared/identity/iin';
import { messages } from '../../shared/i18n/messages';
import { individualByIin } from '../../sandbox/registries/syntheticRegistries';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';

const KEY_PASSWORD = 'Qwerty12';
const kk = messages.kk;
const training = useTrainingSetup();
const address = 'Алматы қ., Абай даңғылы, 10';
const phone = '+7 701 123 45 67';

/** Tabs from where the focus is until `selector` has it: the operator's way through the form. */
async function tabTo(page: Page, selector: string) {
  for (let step = 0; step < 60; step += 1) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function takeRequest(page: Page, iinDigits: string) {
  const applicant = individualByIin(withCheckDigit(iinDigits)!)!;
  await page.keyboard.press('Alt+n');
  await expect(page.locator('#picker-search')).toBeFocused();
  await page.keyboard.type('ескерткіш');
  await page.keyboard.press('Enter');
  await expect(page.locator('#picker-kind')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#form-iin')).toBeFocused();
  await page.keyboard.type(applicant.iin);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'verified');
  await tabTo(page, '#form-address');
  await page.keyboard.type(address);
  await tabTo(page, '#form-phone');
  await page.keyboard.type(phone);
  await tabTo(page, '#form-subtype');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, '#form-paymentReference');
  await page.keyboard.type('1234567890');
  await expect(page.getByTestId('payment-state')).toHaveAttribute('data-state', 'paid');
  for (const mark of ['#form-paper-request-form', '#form-paper-standard-documents']) {
    await tabTo(page, mark);
    await page.keyboard.press('Space');
  }
  await expect(page.getByTestId('checklist-missing')).toHaveAttribute('data-complete', 'true');
  return applicant;
}

test('review shows every signed answer; the key picker names the key and says which cannot sign, before the password', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  const subtypeName = async () => (await page.locator('#form-subtype option:checked').textContent())?.trim() ?? '';

  await takeRequest(page, '85051530011');
  const subtype = await subtypeName();
  await page.keyboard.press('Control+Enter');
  const review = page.getByTestId('review');
  await expect(page.locator('#review-confirm')).toBeFocused();
  await expect(review.locator('[data-field="subtype"]')).toHaveText(subtype);
  await expect(review.locator('[data-field="address"]')).toHaveText(address);
  await expect(review.locator('[data-field="phone"]')).toHaveText(phone);
  await expect(review).toContainText(OPERATOR.fullName);

  // First signature on this workstation: the files are still sealed, so only their names speak.
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-key')).toBeFocused();
  await expect(page.locator('#sign-key')).toHaveValue(/^GOST512_/);
  await expect(page.getByTestId('key-verdict')).toHaveText(kk.sign.keyNotKnownYet);
  const refused = page.getByTestId('keys-refused');
  await expect(refused.locator('li[data-key^="AUTH_"]')).toContainText(kk.errors['keys.notSigningKey']);
  await expect(page.locator('#sign-key option[value^="AUTH_"]')).toBeDisabled();
  await page.keyboard.press('Enter');
  const password = page.frameLocator('iframe.sign-prompt').locator('#password');
  await expect(password).toBeFocused();
  await page.keyboard.type(KEY_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.locator('iframe.sign-prompt')).toHaveCount(0);

  // The next applicant: the key unlocked once is known by its certificate before any password.
  await takeRequest(page, '85051530012');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('#review-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-key')).toBeFocused();
  const details = page.getByTestId('key-details');
  await expect(details.locator('[data-fact="iin"]')).toHaveText(OPERATOR.iin);
  await expect(details.locator('[data-fact="owner"]')).not.toBeEmpty();
  await expect(details.locator('[data-fact="algorithm"]')).toHaveText(kk.sign.algorithm_gost2015);
  await expect(details.locator('[data-fact="validity"]')).toContainText('–');
  await expect(details.locator('[data-fact="purpose"]')).toHaveText(kk.sign.purpose_sign);
  await expect(page.getByTestId('key-verdict')).toHaveText(kk.sign.keyCanSign);
  // The option itself names the owner now, not the file.
  await expect(page.locator('#sign-key option:checked')).toContainText(kk.sign.algorithm_gost2015);
  await page.keyboard.press('Escape');
});
