/**
 * What an imported file is, judged by its first bytes, and what its name and MIME type claim it is. The
 * bytes decide; the claim is only checked against them (see inspectImport for the rule).
 */

export type ImageMimeType = 'image/jpeg' | 'image/png' | 'image/tiff';
export type ImportMimeType = ImageMimeType | 'application/pdf';

const signatures: { mimeType: ImportMimeType; magic: number[] }[] = [
  { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: 'image/tiff', magic: [0x49, 0x49, 0x2a, 0x00] }, // II*\0, little-endian
  { mimeType: 'image/tiff', magic: [0x4d, 0x4d, 0x00, 0x2a] }, // MM\0*, big-endian
  { mimeType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** The type the bytes hold, or null for anything we do not import (BigTIFF, BMP, HEIC, text, executables…). */
export function sniffType(bytes: Uint8Array): ImportMimeType | null {
  const match = signatures.find(({ magic }) => magic.every((byte, index) => bytes[index] === byte));
  return match?.mimeType ?? null;
}

const byExtension: Record<string, ImportMimeType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
};

const byMimeType: Record<string, ImportMimeType> = {
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/tiff': 'image/tiff',
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
};

/** Browsers send these when they do not know a file's type: they claim nothing. */
const noClaimMimeTypes = new Set(['', 'application/octet-stream']);

/**
 * Every type the file's name and MIME type claim, each a supported type or 'other' (a .txt, .exe, text/plain…).
 * Empty when it claims nothing: no extension, and no MIME type or a generic one.
 */
export function claimedTypes(claimed: { fileName: string; mimeType?: string }): (ImportMimeType | 'other')[] {
  const claims: (ImportMimeType | 'other')[] = [];
  const extension = /\.([^./\\]+)$/.exec(claimed.fileName)?.[1]?.toLowerCase();
  if (extension) claims.push(byExtension[extension] ?? 'other');
  const mimeType = claimed.mimeType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!noClaimMimeTypes.has(mimeType)) claims.push(byMimeType[mimeType] ?? 'other');
  return claims;
}
