/**
 * Ports of the scanning room (issue: scanning). A scanner source delivers raw pages one at a time, each
 * already written to disk before it is yielded, so a long feeder batch never sits in memory. The page
 * pipeline turns a raw page into what goes into the PDF, by profile; the session keeps the pages and the
 * operator's edits; assembly makes one PDF per checklist document.
 */
import type { ScanDevice } from '../../../shared/scanning/scanProtocol';

export type { ScanDevice };

export interface ScanRequest {
  input: 'platen' | 'feeder';
  colorMode: 'color' | 'gray';
  dpi: number;
}

/** One page as the scanner delivered it, already on disk. */
export interface RawPage {
  /** 1-based order within the job. */
  seq: number;
  path: string;
  mimeType: 'image/jpeg' | 'image/png' | 'image/tiff' | 'image/x-portable-anymap';
  dpi: number;
}

/** Why a scan stopped, in words the UI can translate; never a raw status code. */
export const scanErrorCodes = ['feederEmpty', 'paperJam', 'coverOpen', 'busy', 'offline', 'cancelled', 'unsupported', 'timeout', 'deviceError'] as const;
export type ScanErrorCode = (typeof scanErrorCodes)[number];

export class ScanError extends Error {
  override name = 'ScanError';
  constructor(
    readonly code: ScanErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export interface ScannerSource {
  readonly kind: ScanDevice['kind'];
  /** Devices this source can reach now; an unreachable back-end yields none rather than throwing. */
  discover(signal?: AbortSignal): Promise<ScanDevice[]>;
  /**
   * Scans until the feeder is empty (or one platen page), yielding pages as they arrive into `workDir`.
   * Pages already yielded stay valid when it throws a ScanError midway (jam, device gone, cancel).
   */
  scan(device: ScanDevice, request: ScanRequest, workDir: string, signal: AbortSignal): AsyncIterable<RawPage>;
}
