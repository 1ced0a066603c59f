/** Keyboard-only moves and paper checks the end-to-end tests share. */
import { expect, type Download, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TRAINING_KEY_PASSWORD } from '../../shared/training/trainingKeys';

/** Tabs (forwards) until the element with this id has focus, as an operator would; fails if it never comes. */
export async function tabTo(page: Page, id: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  await expect(page.locator(`[id="${id}"]`), `Tab never reached #${id}`).toBeFocused();
}

/** Alt+N, the training service found by a word of its Kazakh name, its first kind: the form opens at the IIN. */
export async function openServiceForm(page: Page): Promise<void> {
  await page.keyboard.press('Alt+n');
  await expect(page.locator('#picker-search')).toBeFocused();
  await page.keyboard.type('ескерткіш');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#form-iin')).toBeFocused();
}

/** Ctrl+Enter on a complete form: the review, the key, the training password in the host's own prompt, and the sign → queue transaction. */
export async function signAndQueue(page: Page): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('#review-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-key')).toBeFocused();
  await page.keyboard.press('Enter');
  const password = page.frameLocator('iframe.sign-prompt').locator('#password');
  await password.fill(TRAINING_KEY_PASSWORD);
  await password.press('Enter');
  await expect(page.getByTestId('submission-state')).toBeVisible({ timeout: 20_000 });
}

/** Replaces what a focused text field holds, keyboard only. */
export async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/** The text of a PDF the app offered for saving, as poppler reads it (layout kept, so columns stay on their line). */
export async function downloadedPdfText(download: Download): Promise<string> {
  const path = await download.path();
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', path, '-']);
  return stdout;
}
