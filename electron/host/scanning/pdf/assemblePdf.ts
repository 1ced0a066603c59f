/**
 * One PDF from processed pages and pages of imported PDFs, in order. Images go in as they were encoded: JPEG as its
 * DCT stream (embedJpg copies it through) and G4 as CCITTFaxDecode image objects built by hand, since pdf-lib has
 * no CCITT support and its PNG path would re-deflate a 1-bit page to several times its size.
 */
import { concatTransformationMatrix, drawObject, PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { PageImage } from '../pipeline/pageProcessing';
import { readG4Tiff } from './g4Tiff';

export type PdfPart = { kind: 'image'; image: PageImage; widthPx: number; heightPx: number; dpi: number } | { kind: 'pdfPages'; pdf: Uint8Array; pageIndexes: number[] };

export interface PdfMetadata {
  title: string;
  subject: string;
  author?: string;
  creationDate: Date;
  keywords?: string[];
}

const PRODUCER = 'Qabyl';
const POINTS_PER_INCH = 72;

export async function assemblePdf(parts: PdfPart[], metadata: PdfMetadata): Promise<Uint8Array> {
  if (parts.length === 0) throw new Error('assemblePdf: no pages');
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle(metadata.title);
  document.setSubject(metadata.subject);
  if (metadata.author) document.setAuthor(metadata.author);
  if (metadata.keywords?.length) document.setKeywords(metadata.keywords);
  document.setProducer(PRODUCER);
  document.setCreator(PRODUCER);
  document.setCreationDate(metadata.creationDate);
  document.setModificationDate(metadata.creationDate);

  const imported = new Map<Uint8Array, PDFDocument>();
  for (const part of parts) {
    if (part.kind === 'pdfPages') {
      let source = imported.get(part.pdf);
      if (!source) imported.set(part.pdf, (source = await PDFDocument.load(part.pdf, { updateMetadata: false })));
      for (const page of await document.copyPages(source, part.pageIndexes)) document.addPage(page);
      continue;
    }
    const scale = POINTS_PER_INCH / part.dpi;
    const page = document.addPage([part.widthPx * scale, part.heightPx * scale]);
    if (part.image.format === 'jpeg') {
      const image = await document.embedJpg(part.image.jpeg);
      page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    } else {
      drawG4(document, page, part.image.tiff, scale);
    }
  }
  return document.save();
}

/** Each strip is an image of its own, drawn at its place down the page. */
function drawG4(document: PDFDocument, page: PDFPage, tiff: Uint8Array, scale: number) {
  const { width, height, photometric, rowsPerStrip, strips } = readG4Tiff(tiff);
  for (const [index, strip] of strips.entries()) {
    const top = index * rowsPerStrip;
    const rows = Math.min(rowsPerStrip, height - top);
    const image = document.context.stream(strip, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: rows,
      BitsPerComponent: 1,
      ColorSpace: 'DeviceGray',
      Filter: 'CCITTFaxDecode',
      // libtiff codes 1 bits as black runs, so with BlackIsZero data the runs it calls black are white paper.
      DecodeParms: { K: -1, Columns: width, Rows: rows, BlackIs1: photometric === 1 },
    });
    const name = page.node.newXObject('Strip', document.context.register(image));
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(width * scale, 0, 0, rows * scale, 0, (height - top - rows) * scale),
      drawObject(name),
      popGraphicsState(),
    );
  }
}
