/**
 * Files an operator imports (scan.import on the real host: the import gate, the page pipeline, the document
 * store). A refused file shows as a problem of the batch, said the way the scan panel says it.
 */
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { noisyPage, pngDeclaringSquare } from '../../../electron/host/scanning/imports/inspectImport.testkit';
import { problemMessageKey } from '../../../renderer/src/features/scanning/problemMessageKey';
import { failureOutcome, uiMessage, type BadInputCase, type Outcome } from '../corpus';
import type { Workstation } from '../workstation';

const MB = 1024 * 1024;

const goodPng = () => noisyPage().png().toBuffer();
const goodJpeg = () => noisyPage().jpeg().toBuffer();

/** A well-formed PNG header declaring 100 000 × 100 000 gray pixels (10 gigapixels) in a few hundred bytes. */
const pngDeclaring100kSquare = () => pngDeclaringSquare(100_000);

/** A little-endian TIFF whose first directory claims 40 entries but holds two bytes of them. */
function tiffWithBrokenDirectory(): Buffer {
  const file = Buffer.alloc(16);
  file.write('II', 0, 'latin1');
  file.writeUInt16LE(42, 2);
  file.writeUInt32LE(8, 4);
  file.writeUInt16LE(40, 8);
  return file;
}

async function pdfOf(build: (document: PDFDocument) => void | Promise<void> = () => undefined): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage();
  await build(document);
  return document.save();
}

/** What the standard security handler adds to a password-protected PDF, set into a real file's trailer. */
async function encryptedPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage();
  // A classic trailer (no object streams), where the security handler's entry goes.
  const text = Buffer.from(await document.save({ useObjectStreams: false })).toString('latin1');
  const encrypt = `/Encrypt << /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`;
  if (!/trailer\s*<</.test(text)) throw new Error('no classic trailer to encrypt');
  return Buffer.from(text.replace(/trailer\s*<</, `trailer\n<< ${encrypt}`), 'latin1');
}

/** The batch's new problem (or the host's refusal of the call itself), as the scan panel words it. */
async function importOutcome(workstation: Workstation, fileName: string, bytes: Uint8Array): Promise<Outcome> {
  const { client } = workstation;
  const { batchId } = await client.call('scan.open', { profile: 'text' });
  try {
    const { view } = await client.call('scan.import', { batchId, fileName, contentBase64: Buffer.from(bytes).toString('base64') });
    const problem = view.job.problems.at(-1);
    return problem ? uiMessage(problemMessageKey(problem.code)) : { key: 'accepted', texts: { kk: '', ru: '', en: '' } };
  } catch (error) {
    return failureOutcome(error);
  } finally {
    await client.call('scan.discard', { batchId });
  }
}

async function goodImportStillWorks(workstation: Workstation): Promise<void> {
  const { client } = workstation;
  const { batchId } = await client.call('scan.open', { profile: 'text' });
  const { view } = await client.call('scan.import', { batchId, fileName: 'passport.png', contentBase64: (await goodPng()).toString('base64') });
  await client.call('scan.discard', { batchId });
  if (view.pages.length !== 1 || view.job.problems.length > 0) throw new Error(`a good PNG was not imported: ${JSON.stringify(view.job)}`);
}

function file(id: string, description: string, fileName: string, bytes: () => Promise<Uint8Array> | Uint8Array, expected: string): BadInputCase<Workstation> {
  return { id, area: 'file', description, expected, run: async (workstation) => importOutcome(workstation, fileName, await bytes()), stillWorks: goodImportStillWorks };
}

export const fileCases: BadInputCase<Workstation>[] = [
  file('file-empty', 'a file of zero bytes', 'passport.jpg', () => new Uint8Array(0), 'importProblem.empty'),
  file('file-jpeg-truncated', 'a JPEG cut off halfway (copy broke off)', 'passport.jpg', async () => (await goodJpeg()).subarray(0, 2000), 'importProblem.truncated'),
  file('file-png-truncated', 'a PNG cut off halfway', 'passport.png', async () => {
    const png = await goodPng();
    return png.subarray(0, Math.floor(png.length / 2));
  }, 'importProblem.truncated'),
  file('file-png-bomb', 'a PNG declaring 100 000 × 100 000 pixels', 'photo.png', pngDeclaring100kSquare, 'importProblem.tooManyPixels'),
  file('file-tiff-bad-ifd', 'a TIFF whose first directory runs past the end of the file', 'scan.tif', tiffWithBrokenDirectory, 'importProblem.truncated'),
  file('file-pdf-header-only', 'a PDF of its header line only', 'certificate.pdf', () => Buffer.from('%PDF-1.7\n', 'latin1'), 'importProblem.pdfMalformed'),
  file('file-pdf-encrypted', 'a password-protected PDF', 'statement.pdf', encryptedPdf, 'importProblem.pdfEncrypted'),
  file('file-exe-as-pdf', 'a Windows program renamed .pdf', 'invoice.pdf', () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(1024, 0x41)]), 'importProblem.typeMismatch'),
  file('file-png-named-jpg', 'a PNG named .jpg', 'photo.jpg', goodPng, 'importProblem.typeMismatch'),
  file('file-25mb-pdf', 'a 25 MB PDF (over the document store’s 20 MB)', 'archive.pdf', () => pdfOf((document) => document.attach(randomBytes(25 * MB), 'padding.bin')), 'errors.documents.tooLarge'),
  file('file-60mb', 'a 60 MB file (over the import limit)', 'scan.tif', () => new Uint8Array(60 * MB), 'importProblem.tooLarge'),
  file('file-gif', 'a GIF image', 'photo.gif', () => Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1'), 'importProblem.unsupportedType'),
  file('file-svg-script', 'an SVG carrying a script', 'signature.svg', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'), 'importProblem.unsupportedType'),
  file('file-name-separators', 'a file name with folder separators', '..\\..\\Windows/passport.png', goodPng, 'importProblem.badFileName'),
  file('file-name-nul', 'a file name with a NUL character', 'passport.png\u0000.exe', goodPng, 'importProblem.badFileName'),
];
