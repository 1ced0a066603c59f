import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceReceiptSchema, refusalReceiptSchema, statusUrl, withdrawalNoticeSchema, type AcceptanceReceipt, type RefusalReceipt, type WithdrawalNotice } from '../../../shared/papers/receiptContent';
import { renderAcceptanceReceipt, renderRefusalReceipt, renderWithdrawalNotice } from './receiptPdf';

const run = promisify(execFile);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qabyl-receipt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const submissionId = '7b0f8f2e-3c1a-4b7e-9c55-0d2f1e6a9b10';
const url = statusUrl('http://127.0.0.1:4010/', submissionId);

const acceptance: AcceptanceReceipt = {
  submissionId,
  localNumber: 'ALM01-20261203-0007',
  registrationNumber: 'KZ-EL-2026-000042',
  service: { kk: 'Тарих және мәдениет ескерткіштерінде археологиялық жұмыстарды жүзеге асыру жөніндегі қызметке лицензия беру', ru: 'Выдача лицензии на археологические работы на памятниках истории и культуры' },
  kind: { kk: 'Лицензия беру', ru: 'Выдача лицензии' },
  applicant: { name: 'Әбенова Гүлнұр Серікқызы', idNumber: '850515300014', kind: 'individual' },
  documents: [
    { name: { kk: 'Өтініш', ru: 'Заявление' }, pages: null, onPaper: true },
    { name: { kk: 'қажетті құжаттар', ru: 'Необходимые документы' }, pages: 10, onPaper: false },
  ],
  operatorName: 'Сейітова Айгерім',
  office: { code: 'ALM01', name: 'Алматы қ. Медеу ауданының ХҚКО' },
  // 05:40 UTC is 10:40 in Almaty.
  at: '2026-12-03T05:40:00.000Z',
  expectedResultDate: '2026-12-24',
};

const refusal: RefusalReceipt = {
  localNumber: 'ALM01-20261203-0008',
  service: acceptance.service,
  kind: acceptance.kind,
  applicant: { name: '«Ақжол-Құрылыс» ЖШС', idNumber: '990340000123', kind: 'legalEntity' },
  missing: [{ name: { kk: 'Төлем түбіртегі', ru: 'Квитанция об оплате' } }, { name: { kk: 'Һ-әріпті үлгі құжат', ru: 'Образец документа' } }],
  operatorName: 'Сейітова Айгерім',
  office: acceptance.office,
  at: '2026-12-03T19:05:00.000Z',
};

async function pdfText(bytes: Uint8Array, name: string) {
  const path = join(dir, `${name}.pdf`);
  await writeFile(path, bytes);
  // Without -layout: one wrapped line after another, so a fact is found even where it wraps.
  return (await run('pdftotext', [path, '-'])).stdout.replace(/\s+/g, ' ');
}

async function qrOnPage1(bytes: Uint8Array, name: string) {
  const path = join(dir, `${name}-qr.pdf`);
  await writeFile(path, bytes);
  await run('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', path, join(dir, `${name}-qr`)]);
  const { data, info } = await sharp(await readFile(join(dir, `${name}-qr.png`))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

describe('receipt of acceptance', () => {
  it('states every fact in Kazakh and Russian, with the Kazakh letters intact', async () => {
    const text = await pdfText(await renderAcceptanceReceipt(acceptance, url, false), 'acceptance');
    for (const fact of [
      'Құжаттарды қабылдағаны туралы қолхат',
      'Расписка о приёме документов',
      'ALM01-20261203-0007',
      'KZ-EL-2026-000042',
      'Әбенова Гүлнұр Серікқызы',
      'ЖСН / ИИН 850515300014',
      '03.12.2026 10:40',
      '24.12.2026',
      'Өтініш / Заявление — қағаз түрінде / на бумаге',
      'қажетті құжаттар / Необходимые документы — 10 бет / 10 стр.',
      'Сейітова Айгерім',
      'Алматы қ. Медеу ауданының ХҚКО (ALM01)',
      '1414',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).not.toContain('ОҚУ РЕЖИМІ');
  });

  it('carries a QR code that decodes to the status page of the submission', async () => {
    expect(await qrOnPage1(await renderAcceptanceReceipt(acceptance, url, false), 'acceptance')).toBe(`http://127.0.0.1:4010/status/${submissionId}`);
  });

  it('says when the registration number is not known yet and when no deadline is stated, and marks training papers', async () => {
    const { registrationNumber: _, ...unregistered } = acceptance;
    const text = await pdfText(await renderAcceptanceReceipt({ ...unregistered, expectedResultDate: null }, url, true), 'pending');
    expect(text).toContain('е-лицензиялау жүйесіне жіберілгеннен кейін беріледі');
    expect(text).toContain('регламентте көрсетілмеген');
    expect(text).toContain('ОҚУ РЕЖИМІ — заңды күші жоқ');
  });

  it('continues a long list of documents on a second page, losing none', async () => {
    const documents = Array.from({ length: 60 }, (_, i) => ({ name: { kk: `Құжат нөмірі ${i + 1} өте ұзақ атауымен`, ru: `Документ номер ${i + 1} с очень длинным названием` }, pages: i, onPaper: false }));
    const bytes = await renderAcceptanceReceipt({ ...acceptance, documents }, url, false);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(2);
    const text = await pdfText(bytes, 'long');
    for (let i = 1; i <= 60; i += 1) expect(text).toContain(`Құжат нөмірі ${i} өте ұзақ атауымен`);
    expect(text).toContain('1414');
  });

  it('keeps every line of a very long service name inside the margins', async () => {
    const service = { kk: 'өте '.repeat(120).trim(), ru: 'очень '.repeat(120).trim() };
    const bytes = await renderAcceptanceReceipt({ ...acceptance, service }, url, false);
    const path = join(dir, 'wide.pdf');
    await writeFile(path, bytes);
    // pdftotext's bounding boxes: no word may end beyond the right margin (595 − 50 points).
    const boxes = (await run('pdftotext', ['-bbox', path, '-'])).stdout;
    const right = [...boxes.matchAll(/xMax="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(right.length).toBeGreaterThan(100);
    expect(Math.max(...right)).toBeLessThanOrEqual(545.5);
  });
});

describe('receipt of refusal to accept', () => {
  it('names the missing documents, the ground, the applicant by BIN, and the time in Almaty, with no QR code to a submission never sent', async () => {
    const bytes = await renderRefusalReceipt(refusal, false);
    const text = await pdfText(bytes, 'refusal');
    for (const fact of [
      'Құжаттарды қабылдаудан бас тарту туралы қолхат',
      'Расписка об отказе в приёме документов',
      '«Ақжол-Құрылыс» ЖШС, БСН / БИН 990340000123',
      '1. Төлем түбіртегі / Квитанция об оплате',
      '2. Һ-әріпті үлгі құжат / Образец документа',
      'толық ұсынбағандықтан',
      // 19:05 UTC is already the next day in Almaty.
      '04.12.2026 00:05',
      '1414',
    ]) {
      expect(text).toContain(fact);
    }
    expect(await qrOnPage1(bytes, 'refusal')).toBeUndefined();
  });
});

const withdrawal: WithdrawalNotice = {
  localNumber: acceptance.localNumber,
  service: acceptance.service,
  kind: acceptance.kind,
  applicant: acceptance.applicant,
  operatorName: 'Сейітова Айгерім',
  office: acceptance.office,
  acceptedAt: acceptance.at,
  at: '2026-12-04T04:15:00.000Z',
  reason: 'dataError',
};

describe('notice of withdrawal', () => {
  it('names the request, both moments, the reason and that it was never sent, in Kazakh and Russian, with no QR code', async () => {
    const bytes = await renderWithdrawalNotice(withdrawal, false);
    const text = await pdfText(bytes, 'withdrawal');
    for (const fact of [
      'Өтінішті кері қайтарып алу туралы анықтама',
      'Справка об отзыве заявления',
      'ALM01-20261203-0007',
      'Әбенова Гүлнұр Серікқызы, ЖСН / ИИН 850515300014',
      '03.12.2026 10:40',
      '04.12.2026 09:15',
      'Өтініш берушінің деректерінде қате бар (мемлекеттік тізілімге сәйкес емес) / Ошибка в данных заявителя (не совпадают с государственным реестром)',
      'жіберілмеген және қаралмайды',
      'не направлялось в систему «Е-лицензирование»',
      '1414',
    ]) {
      expect(text).toContain(fact);
    }
    expect(await qrOnPage1(bytes, 'withdrawal')).toBeUndefined();
  });

  it('refuses a reason that is not one of the codes', () => {
    expect(withdrawalNoticeSchema.safeParse({ ...withdrawal, reason: 'Басқаев is not who he says' }).success).toBe(false);
    expect(withdrawalNoticeSchema.safeParse(withdrawal).success).toBe(true);
  });
});

describe('receipt content', () => {
  it('refuses a malformed IIN, an empty number, a missing list and an absurd one', () => {
    expect(acceptanceReceiptSchema.safeParse({ ...acceptance, applicant: { ...acceptance.applicant, idNumber: '8505153000149' } }).success).toBe(false);
    expect(acceptanceReceiptSchema.safeParse({ ...acceptance, localNumber: ' ' }).success).toBe(false);
    expect(acceptanceReceiptSchema.safeParse({ ...acceptance, documents: Array.from({ length: 10_000 }, () => acceptance.documents[0]) }).success).toBe(false);
    expect(refusalReceiptSchema.safeParse({ ...refusal, missing: [] }).success).toBe(false);
    expect(acceptanceReceiptSchema.safeParse(acceptance).success).toBe(true);
  });
});
