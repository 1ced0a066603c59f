/**
 * The records inside a backup's plaintext stream: a length-prefixed JSON header saying what follows, then
 * exactly `bytes` bytes of body. Records do not care where chunks begin and end; a reader can start again at
 * any record it saw before (restore reads one table page at a time that way).
 */
import { z } from 'zod';
import type { BackupFileReader, BackupFileWriter, ChunkPlace } from './backupFile';
import { damaged } from './backupFile';

export const recordHeaderSchema = z.discriminatedUnion('type', [
  /** One page of one Dexie table: a JSON array of rows exactly as stored (see renderer/src/db/backupRows.ts). */
  z.object({ type: z.literal('rows'), table: z.string().min(1).max(64), count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  /** A host file, by its path under the data folder (documents stay sealed as they are on disk). */
  z.object({ type: z.literal('file'), path: z.string().min(1).max(500), bytes: z.number().int().nonnegative() }),
  /** The workstation's data key, which opens the sealed documents and the encrypted fields in the rows. */
  z.object({ type: z.literal('dataKey'), bytes: z.literal(32) }),
]);
export type RecordHeader = z.infer<typeof recordHeaderSchema>;

const MAX_HEADER_BYTES = 4096;
/** Far above any one record (a document is at most 20 MB sealed, a rows page 8 MB): a larger length means damage. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function writeRecord(writer: BackupFileWriter, header: RecordHeader, body: Uint8Array): Promise<void> {
  if (body.byteLength !== header.bytes) throw new RangeError('record body size differs from its header');
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.byteLength, 0);
  await writer.write(Buffer.concat([length, json]));
  await writer.write(body);
}

/** Where a record starts: the chunk holding its first byte, and how far into that chunk's plaintext. */
export interface RecordPlace {
  chunk: ChunkPlace;
  skip: number;
}

export async function* readRecords(reader: BackupFileReader, from?: RecordPlace): AsyncGenerator<{ header: RecordHeader; body: Buffer; place: RecordPlace }> {
  const chunks = reader.chunks(from?.chunk);
  let current: { place: ChunkPlace; plaintext: Buffer } | null = null;
  let position = 0;
  /** Moves to the next chunk with bytes left; false at the end of the stream. */
  const ready = async () => {
    while (!current || position === current.plaintext.byteLength) {
      const next = await chunks.next();
      if (next.done) return false;
      current = next.value;
      position = 0;
    }
    return true;
  };
  const take = async (length: number) => {
    const parts: Buffer[] = [];
    let missing = length;
    while (missing > 0) {
      if (!(await ready())) throw damaged('a record is cut short');
      const slice = current!.plaintext.subarray(position, position + missing);
      parts.push(slice);
      position += slice.byteLength;
      missing -= slice.byteLength;
    }
    return Buffer.concat(parts);
  };
  if (from) {
    if (!(await ready())) return;
    position = from.skip;
  }
  while (await ready()) {
    const place = { chunk: current!.place, skip: position };
    const headerLength = (await take(4)).readUInt32BE(0);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw damaged('record header length');
    let header: RecordHeader;
    try {
      header = recordHeaderSchema.parse(JSON.parse((await take(headerLength)).toString('utf8')));
    } catch {
      throw damaged('record header');
    }
    if (header.bytes > MAX_BODY_BYTES) throw damaged('record size');
    yield { header, body: await take(header.bytes), place };
  }
}
