/**
 * The start-up clean-up the renderer asks for once its store of record is open: it names every document its
 * rows reference and every scan batch a draft still holds; the host removes the rest that is older than this
 * run. The renderer's database names itself, and the host sweeps only for the database it first swept for: a
 * browser opened on the same workstation with an empty IndexedDB would otherwise reference nothing and
 * so remove every scan.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ScanBatches } from '../scanning/scanBatches';
import { writeFileAtomically } from './atomicFile';
import type { DocumentStore } from './documentStore';

export interface SweepRequest {
  databaseId: string;
  referenced: string[];
  openBatches: string[];
}

export interface SweepOutcome {
  /** False when the database is not the one this workstation's documents belong to: nothing was removed. */
  swept: boolean;
  removedDocuments: number;
  removedBatches: number;
  /** Referenced documents the store does not hold. */
  missing: string[];
}

export function createStartupSweep(options: {
  documents: DocumentStore;
  scanBatches: ScanBatches;
  ownerFile: string;
  startedAt: Date;
  /** Present while a restore is unfinished: its documents arrive before the rows that reference them. */
  restoreMarker?: string;
}) {
  async function ownerMatches(databaseId: string): Promise<boolean> {
    const text = await readFile(options.ownerFile, 'utf8').catch(() => null);
    if (text !== null) return (JSON.parse(text) as { databaseId: string }).databaseId === databaseId;
    await writeFileAtomically(options.ownerFile, JSON.stringify({ databaseId }));
    return true;
  }
  return async ({ databaseId, referenced, openBatches }: SweepRequest): Promise<SweepOutcome> => {
    const keep = new Set(referenced);
    const restoring = options.restoreMarker ? (await stat(options.restoreMarker).catch(() => null)) !== null : false;
    if (restoring || !(await ownerMatches(databaseId))) {
      // Nothing removed (an empty set of stale files is never older than now), but the missing ones are still told.
      const { missing } = await options.documents.sweep(keep, new Date(0));
      return { swept: false, removedDocuments: 0, removedBatches: 0, missing };
    }
    const { removed, missing } = await options.documents.sweep(keep, options.startedAt);
    const removedBatches = await options.scanBatches.sweep(new Set(openBatches), options.startedAt);
    return { swept: true, removedDocuments: removed, removedBatches, missing };
  };
}
