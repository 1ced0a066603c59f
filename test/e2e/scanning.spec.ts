/**
 * Scanning through the real UI (issue: scanning): a network scanner (the eSCL stand-in, with its faults) and
 * the training workstation's SANE test device feed pages into a request's checklist, the operator edits them
 * with the keyboard, and what is attached is a PDF of exactly the pages kept. Bad files are refused by name
 * while the pages already there stay, and a reload loses nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { startEsclStandIn, type EsclStandIn } from '../escl/esclStandIn';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';
import { openServiceForm } from '../support/keyboard';
import { tempDir } from '../support/processes';
import { readTable, hostCall as workstationHostCall } from '../support/workstationData';

const training = useTrainingSetup();
let scanner: EsclStandIn;

test.beforeAll(async () => {
  scanner = await startEsclStandIn({ pages: 4, pageSize: { width: 620, height: 877 }, makeAndModel: 'Stand-in MFP' });
});
test.afterAll(async () => {
  await scanner.close();
});

/** A host call over the browser-mode bridge with the page's own token. */
const hostCall = (method: string, args: unknown) => workstationHostCall(training().workstation.launchUrl, method, args);

async function newRequest(page: Page) {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  // The administrator (the first operator) points the workstation at the network scanner.
  await hostCall('settings.update', { scanner: { esclUrls: [scanner.url] } });
  await openServiceForm(page);
}

const pages = (page: Page) => page.getByTestId('scan-pages').getByRole('option');

const storedDocuments = (page: Page) => readTable<{ sha256: string; checklistItemId?: string; pageCount?: number }>(page, 'documents');

test('an operator scans a feeder batch, edits it by keyboard and attaches one PDF of the pages kept', async ({ page }) => {
  await newRequest(page);
  const item = page.locator('[id^=scan-open-]').first();
  const itemId = (await item.getAttribute('id'))!.slice('scan-open-'.length);
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#scan-start')).toBeFocused();
  await page.locator('#scan-device').selectOption(`escl:${scanner.url}`);
  await page.locator('#scan-start').focus();

  await page.keyboard.press('s');
  await expect(pages(page)).toHaveCount(4);
  // The README's picture of the panel, taken here so it stays true.
  await page.getByTestId('scan-panel').screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/scan-panel.png', import.meta.url)) });
  await expect(page.getByTestId('page-size').first()).toHaveText(/\d+ КБ/);
  await expect(page.getByTestId('scan-total')).toContainText('4 бет');

  // Focus stays in the panel when the scan ends: on the pages, where the editing keys and Ctrl+Enter work.
  await expect(page.getByTestId('scan-pages')).toBeFocused();
  // Rotate the first page, then delete the second, all from the page list.
  const before = await pages(page).first().locator('img').getAttribute('src');
  await page.keyboard.press('r');
  await expect(pages(page).first().locator('img')).not.toHaveAttribute('src', before!);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await expect(pages(page)).toHaveCount(3);

  // A forgotten sheet goes in front of the selected page from the glass; a bad page is re-scanned in place.
  await page.keyboard.press('Insert');
  await expect(pages(page)).toHaveCount(4);
  await page.keyboard.press('Delete');
  await expect(pages(page)).toHaveCount(3);
  const selectedId = await page.getByTestId('scan-pages').getByRole('option', { selected: true }).getAttribute('id');
  await page.keyboard.press('e');
  await expect(page.getByTestId('scan-pages').getByRole('option', { selected: true })).not.toHaveAttribute('id', selectedId!);
  await expect(pages(page)).toHaveCount(3);

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('scan-panel')).toHaveCount(0);
  await expect(page.getByTestId(`checklist-${itemId}`)).toContainText('3 бет');
  // What the whole request will weigh on the line, before it is sent.
  await expect(page.getByTestId('request-documents-total')).toContainText('Барлығы: 3 бет');

  const [attached] = (await storedDocuments(page)).filter((document) => document.checklistItemId === itemId);
  expect(attached?.pageCount).toBe(3);
  const { contentBase64 } = (await hostCall('documents.get', { sha256: attached!.sha256 })) as { contentBase64: string };
  const pdf = await PDFDocument.load(Buffer.from(contentBase64, 'base64'));
  expect(pdf.getPageCount()).toBe(3);
  // The rotated page is landscape now; the others are portrait.
  const [first, second] = pdf.getPages().map((p) => p.getSize());
  expect(first!.width).toBeGreaterThan(first!.height);
  expect(second!.width).toBeLessThan(second!.height);
});

test('a jam keeps the pages before it; bad files are refused by name; a reload loses nothing', async ({ page }) => {
  await newRequest(page);
  scanner.setFaults({ feederFault: { afterPage: 2, adfState: 'ScannerAdfJam' } });
  await page.locator('[id^=scan-open-]').nth(1).click();
  await page.locator('#scan-device').selectOption(`escl:${scanner.url}`);
  await page.locator('#scan-start').click();
  await expect(page.getByTestId('scan-problems')).toContainText('Қағаз кептеліп қалды');
  await expect(pages(page)).toHaveCount(2);
  scanner.setFaults({});

  const png = await sharp({ create: { width: 400, height: 560, channels: 3, background: '#fff' } }).png().toBuffer();
  await page.locator('#scan-file').setInputFiles([
    { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some text, not a PDF') },
    { name: 'half.png', mimeType: 'image/png', buffer: png.subarray(0, Math.floor(png.length / 2)) },
    { name: 'бет.png', mimeType: 'image/png', buffer: png },
  ]);
  const problems = page.getByTestId('scan-problems');
  await expect(problems).toContainText('empty.jpg: Файл бос');
  await expect(problems).toContainText('scan.pdf: Файлдың мазмұны');
  await expect(problems).toContainText('half.png: Файл толық емес');
  await expect(pages(page)).toHaveCount(3);

  // Dropped onto the panel, as from the desktop or a flash drive.
  const dropped = await page.evaluateHandle((base64) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
    return transfer;
  }, png.toString('base64'));
  await page.getByTestId('scan-panel').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(pages(page)).toHaveCount(4);

  // The window goes away mid-work: the batch is in the host and comes back with every page.
  await page.reload();
  await page.locator('#login-login').fill(OPERATOR.login);
  await page.locator('#login-password').fill(OPERATOR.password);
  await page.keyboard.press('Enter');
  await page.locator('[id^=scan-open-]').nth(1).click();
  await expect(pages(page)).toHaveCount(4);
});

test('pages an office scanner saves to the watched folder join the open batch, and the file is filed away', async ({ page }) => {
  const folder = await tempDir('qabyl-e2e-inbox-');
  await newRequest(page);
  await hostCall('settings.update', { scanner: { watchedFolder: folder } });
  await page.locator('[id^=scan-open-]').first().click();
  await expect(page.getByTestId('scan-panel')).toContainText(folder);
  const png = await sharp({ create: { width: 400, height: 560, channels: 3, background: '#fff' } }).png().toBuffer();
  await writeFile(join(folder, 'SCAN0001.png'), png);
  await expect(pages(page)).toHaveCount(1);
  await expect.poll(() => readdir(join(folder, 'imported'))).toEqual(['SCAN0001.png']);
  expect(await readdir(folder)).toEqual(['imported']);
});

test('scanners are found without typing an address: SANE’s test device in training, and a network MFP that announces itself', async ({ page }) => {
  const announced = await startEsclStandIn({ pages: 1, makeAndModel: 'Announced MFP', advertise: true });
  try {
    await newRequest(page);
    await page.locator('[id^=scan-open-]').first().click();
    await expect(page.locator('#scan-device option', { hasText: 'Announced MFP' })).toHaveCount(1);
  } finally {
    await announced.close();
  }
  await page.locator('#scan-device').selectOption('sane:test:0');
  await page.locator('#scan-input').selectOption('feeder');
  await page.locator('#scan-start').click();
  await expect(pages(page)).toHaveCount(10, { timeout: 60_000 });
  await expect(page.getByTestId('scan-problems')).toHaveCount(0);
});
