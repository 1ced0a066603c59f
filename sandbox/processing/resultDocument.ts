/**
 * The provider's result as a document: a one-page PDF (license or motivated refusal, in Kazakh with Russian
 * headings, DejaVu Sans for the Kazakh letters) and a detached CMS over its bytes by a provider certificate from
 * the test PKI, so the client verifies it against the same pinned test root as everything else in training.
 * Dates inside the PDF and the CMS signing time are the decision time, so the same decision gives the same bytes.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { wrapText } from '../../shared/pdf/wrapText';
import { createDetachedCms } from '../../shared/pki/detachedCms';
import { withCheckDigit } from '../../shared/identity/iin';
import { createTestPki, type TestPki } from '../pki/testPki';
import { derOfPem, webCryptoSigner } from '../pki/webCryptoSigner';
import type { Ground } from './decision';

export interface ResultSigner {
  /** Detached CMS (DER) over `bytes`, signed at `signingTime`. */
  sign(bytes: Uint8Array, signingTime: Date): Promise<Uint8Array>;
}

/** The provider's signing key, issued by the test PKI's intermediate to a legal-entity employee. */
export async function createResultSigner(pki: TestPki): Promise<ResultSigner> {
  const signer = await webCryptoSigner(pki, {
    iin: withCheckDigit('70010130001')!,
    surname: 'ЛИЦЕНЗИАР',
    givenName: 'ТЕСТ',
    organization: { name: 'Е-ЛИЦЕНЗИЯЛАУ ҚҰМСАЛҒЫШЫ (TEST)', bin: withCheckDigit('15044012340')! },
  });
  const chainDer = [derOfPem(pki.intermediateCertPem)];
  return {
    sign: (bytes, signingTime) =>
      createDetachedCms({ contentDigest: signer.key.digest(bytes), key: signer.key, chainDer, signingTime }),
  };
}

/** For a sandbox started without one: a throw-away PKI, whose results chain to no root anyone pinned. */
export const createEphemeralResultSigner = (): Promise<ResultSigner> => createResultSigner(createTestPki());

export interface ResultContent {
  kind: 'license' | 'refusal';
  registrationNumber: string;
  licenseNumber?: string;
  serviceName: string;
  kindName: string;
  applicant: string;
  decidedAt: Date;
  grounds?: Ground[];
}

let fontBytes: Promise<Buffer> | undefined;
const loadFont = () => (fontBytes ??= readFile(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));

const PAGE = { width: 595, height: 842, margin: 56 } as const;

export async function renderResultPdf(content: ResultContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await loadFont(), { subset: true });
  pdf.setTitle(content.kind === 'license' ? `Лицензия ${content.licenseNumber ?? ''}` : `Бас тарту ${content.registrationNumber}`);
  pdf.setProducer('Qabyl sandbox');
  pdf.setCreator('Qabyl sandbox');
  pdf.setCreationDate(content.decidedAt);
  pdf.setModificationDate(content.decidedAt);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const write = (text: string, size = 11) => {
    for (const line of wrapText(text, font, size, PAGE.width - 2 * PAGE.margin)) {
      page.drawText(line, { x: PAGE.margin, y, size, font, color: rgb(0, 0, 0) });
      y -= size * 1.45;
    }
  };
  write(content.kind === 'license' ? 'ЛИЦЕНЗИЯ / ЛИЦЕНЗИЯ' : 'ДӘЛЕЛДІ БАС ТАРТУ / МОТИВИРОВАННЫЙ ОТКАЗ', 16);
  y -= 8;
  if (content.licenseNumber) write(`Лицензия нөмірі / Номер лицензии: ${content.licenseNumber}`);
  write(`Өтініш нөмірі / Номер заявления: ${content.registrationNumber}`);
  write(`Қызмет / Услуга: ${content.serviceName} (${content.kindName})`);
  write(`Өтініш беруші / Заявитель: ${content.applicant}`);
  write(`Шешім күні / Дата решения: ${content.decidedAt.toISOString().slice(0, 10)}`);
  if (content.grounds?.length) {
    y -= 6;
    write('Бас тарту негіздері / Основания отказа:', 12);
    for (const ground of content.grounds) write(`• ${ground.text} (${ground.basis})`);
  }
  y -= 12;
  write('Оқу құмсалғышы берген құжат, заңды күші жоқ. / Документ учебной песочницы, юридической силы не имеет.', 9);
  return pdf.save({ useObjectStreams: false });
}
