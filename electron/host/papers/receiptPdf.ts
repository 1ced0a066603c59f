/**
 * The applicant's receipts as A4 PDFs: acceptance (қолхат), refusal to accept, and the notice that a stopped request
 * was withdrawn. Bilingual, Kazakh first and
 * Russian beside it, as the papers of a public service centre are; DejaVu Sans carries every Kazakh letter. The QR
 * code of the acceptance receipt points at the gateway's status page of the submission and is drawn as vector
 * squares, so it prints sharp.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatAlmaty } from '../../../shared/calendar/workingDays';
import { messages } from '../../../shared/i18n/messages';
import { wrapText } from '../../../shared/pdf/wrapText';
import type { AcceptanceReceipt, RefusalReceipt, WithdrawalNotice } from '../../../shared/papers/receiptContent';

type Label = keyof (typeof messages)['kk']['papers'];
type Bilingual = { kk: string; ru: string };
type Paper = AcceptanceReceipt | RefusalReceipt | WithdrawalNotice;

const PAGE = { width: 595, height: 842, margin: 50 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const QR_SIZE = 96;
const BLACK = rgb(0, 0, 0);

const fontFiles = new Map<string, Promise<Buffer>>();
const fontFile = (name: string) => {
  let bytes = fontFiles.get(name);
  if (!bytes) fontFiles.set(name, (bytes = readFile(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`))));
  return bytes;
};

const bilingualText = (text: Bilingual) => (text.kk === text.ru ? text.kk : `${text.kk} / ${text.ru}`);
const both = (label: Label, vars: Record<string, string | number> = {}) => {
  const [kk, ru] = (['kk', 'ru'] as const).map((language) => messages[language].papers[label].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''))) as [string, string];
  return bilingualText({ kk, ru });
};
/** dd.MM.yyyy HH:mm in Almaty time, as the office's clock shows it. */
const almatyDateTime = (iso: string) => {
  const [date, time] = formatAlmaty(Date.parse(iso)).split('T') as [string, string];
  return `${date.split('-').reverse().join('.')} ${time.slice(0, 5)}`;
};
const civilDate = (day: string) => day.split('-').reverse().join('.');

/** Lays text out top to bottom, starting a new page when the next block would not fit. */
class Layout {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  get firstPage() {
    return this.pdf.getPage(0);
  }

  get font() {
    return this.regular;
  }

  write(text: string, options: { size?: number; bold?: boolean; indent?: number; width?: number } = {}) {
    const { size = 10, bold = false, indent = 0 } = options;
    const font = bold ? this.bold : this.regular;
    for (const line of wrapText(text, font, size, options.width ?? TEXT_WIDTH - indent)) {
      this.room(size * 1.4);
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y - size, size, font, color: BLACK });
      this.y -= size * 1.4;
    }
  }

  fact(label: Label, value: string, width?: number) {
    this.write(`${both(label)}: ${value}`, width ? { width } : {});
  }

  gap(points: number) {
    this.y -= points;
  }

  rule() {
    this.room(12);
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y - 4 }, end: { x: PAGE.width - PAGE.margin, y: this.y - 4 }, thickness: 0.5, color: BLACK });
    this.y -= 12;
  }

  private room(height: number) {
    if (this.y - height >= PAGE.margin) return;
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }
}

async function startPaper(title: Label, content: Paper, training: boolean, withQr: boolean) {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([pdf.embedFont(await fontFile('DejaVuSans.ttf'), { subset: true }), pdf.embedFont(await fontFile('DejaVuSans-Bold.ttf'), { subset: true })]);
  const at = new Date(content.at);
  pdf.setTitle(`${messages.ru.papers[title]} ${content.localNumber}`);
  pdf.setSubject(bilingualText(content.service));
  pdf.setAuthor(`${content.office.name} (${content.office.code}), ${content.operatorName}`);
  pdf.setCreator('Qabyl');
  pdf.setProducer('Qabyl');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  const layout = new Layout(pdf, regular, bold);
  // The title and the header facts leave room at the right for the QR code.
  const headWidth = withQr ? TEXT_WIDTH - QR_SIZE - 16 : TEXT_WIDTH;
  layout.write(messages.kk.papers[title], { size: 14, bold: true, width: headWidth });
  layout.write(messages.ru.papers[title], { size: 12, bold: true, width: headWidth });
  if (training) layout.write(both('training'), { size: 9, bold: true, width: headWidth });
  layout.gap(8);
  layout.fact('localNumber', content.localNumber, headWidth);
  return { pdf, layout, headWidth };
}

function applicantFacts(layout: Layout, content: Paper) {
  layout.fact('service', bilingualText(content.service));
  layout.fact('kind', bilingualText(content.kind));
  layout.fact('applicant', `${content.applicant.name}, ${both(content.applicant.kind === 'individual' ? 'iin' : 'bin')} ${content.applicant.idNumber}`);
}

function closing(layout: Layout, content: Paper) {
  layout.gap(6);
  layout.fact('operator', content.operatorName);
  layout.fact('office', `${content.office.name} (${content.office.code})`);
  layout.gap(18);
  layout.write(`${both('operatorSignature')}: ________________________`, { size: 9 });
  layout.gap(14);
  layout.write(`${both('applicantSignature')}: ________________________`, { size: 9 });
  layout.gap(10);
  layout.rule();
  layout.write(both('helpLine'), { size: 10, bold: true });
}

function drawQr(page: PDFPage, text: string, font: PDFFont) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // Four modules of quiet zone on each side, as the QR standard asks.
  const cells = modules.size + 8;
  const cell = QR_SIZE / cells;
  const left = PAGE.width - PAGE.margin - QR_SIZE;
  const top = PAGE.height - PAGE.margin;
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (!modules.get(row, column)) continue;
      page.drawRectangle({ x: left + (column + 4) * cell, y: top - (row + 5) * cell, width: cell, height: cell, color: BLACK });
    }
  }
  for (const [i, line] of wrapText(both('qrHint'), font, 6.5, QR_SIZE).entries()) page.drawText(line, { x: left, y: top - QR_SIZE - 8 - i * 8, size: 6.5, font, color: BLACK });
}

const save = (pdf: PDFDocument) => pdf.save({ useObjectStreams: false });

export async function renderAcceptanceReceipt(content: AcceptanceReceipt, statusUrl: string, training: boolean): Promise<Uint8Array> {
  const { pdf, layout, headWidth } = await startPaper('acceptanceTitle', content, training, true);
  layout.fact('registrationNumber', content.registrationNumber ?? both('registrationPending'), headWidth);
  layout.fact('acceptedAt', almatyDateTime(content.at), headWidth);
  layout.gap(4);
  applicantFacts(layout, content);
  layout.fact('expectedResult', content.expectedResultDate ? civilDate(content.expectedResultDate) : both('notStated'));
  layout.gap(6);
  layout.write(`${both('documents')}:`, { bold: true });
  content.documents.forEach((document, i) => {
    const presented = [document.pages !== null ? both('pages', { count: document.pages }) : '', document.onPaper ? both('onPaper') : ''].filter(Boolean).join('; ');
    layout.write(`${i + 1}. ${bilingualText(document.name)} — ${presented}`, { indent: 12 });
  });
  closing(layout, content);
  drawQr(layout.firstPage, statusUrl, layout.font);
  return save(pdf);
}

export async function renderRefusalReceipt(content: RefusalReceipt, training: boolean): Promise<Uint8Array> {
  const { pdf, layout, headWidth } = await startPaper('refusalTitle', content, training, false);
  layout.fact('refusedAt', almatyDateTime(content.at), headWidth);
  layout.gap(4);
  applicantFacts(layout, content);
  layout.gap(6);
  layout.write(both('refusalGround'));
  layout.gap(4);
  layout.write(`${both('missing')}:`, { bold: true });
  content.missing.forEach((item, i) => layout.write(`${i + 1}. ${bilingualText(item.name)}`, { indent: 12 }));
  closing(layout, content);
  return save(pdf);
}

export async function renderWithdrawalNotice(content: WithdrawalNotice, training: boolean): Promise<Uint8Array> {
  const { pdf, layout, headWidth } = await startPaper('withdrawalTitle', content, training, false);
  layout.fact('acceptedAt', almatyDateTime(content.acceptedAt), headWidth);
  layout.fact('withdrawnAt', almatyDateTime(content.at), headWidth);
  layout.gap(4);
  applicantFacts(layout, content);
  layout.fact('withdrawalReason', both(`reason_${content.reason}`));
  layout.gap(6);
  layout.write(both('withdrawalStatement'));
  closing(layout, content);
  return save(pdf);
}
