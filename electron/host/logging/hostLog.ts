/**
 * The host's event log: JSON lines in <dir>/host.log, rotated by size (default 1 MB × 5 files), every field
 * whitelisted and scrubbed (scrub.ts). Written synchronously: host events are few, and a line written before a
 * crash is a line an administrator can read. Our own writer rather than electron-log/node, which needs an app
 * name from Electron or package.json and keeps a single `.old` file.
 * Logging never throws: a full disk must not stop an operator from working.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scrubFields, scrubText } from './scrub';

export type LogLevel = 'info' | 'warn' | 'error';

export interface HostLogOptions {
  dir: string;
  /** Default 1 MiB. */
  maxBytes?: number;
  /** The current file plus older ones; default 5. */
  maxFiles?: number;
  now?: () => Date;
}

export interface HostLog {
  /** `event` is a code such as `sync.attemptFailed`; `fields` keep only whitelisted names (scrub.ts). */
  info(event: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(event: string, fields?: Readonly<Record<string, unknown>>): void;
  /** `error`'s message is kept, scrubbed, as the line's `message`. */
  error(event: string, fields?: Readonly<Record<string, unknown>>, error?: unknown): void;
  /** The newest error lines, oldest first, as one-line text for diagnostics. */
  recentErrors(limit?: number): string[];
  /** The log files, newest first, for "export logs". */
  files(): string[];
}

interface LogLine {
  t: string;
  level: LogLevel;
  event: string;
  message?: string;
  [field: string]: unknown;
}

const EVENT_NAME = /^[A-Za-z][\w.:-]{0,79}$/;

export function createHostLog(options: HostLogOptions): HostLog {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  const now = options.now ?? (() => new Date());
  const fileAt = (index: number) => join(options.dir, index === 0 ? 'host.log' : `host.${index}.log`);
  let size: number | undefined;

  const rotate = () => {
    rmSync(fileAt(maxFiles - 1), { force: true });
    for (let i = maxFiles - 2; i >= 0; i--) if (existsSync(fileAt(i))) renameSync(fileAt(i), fileAt(i + 1));
    size = 0;
  };

  const write = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}, error?: unknown) => {
    try {
      const clean = scrubFields(fields);
      const line: LogLine = { t: now().toISOString(), level, event: EVENT_NAME.test(event) ? event : 'invalid-event-name', ...clean.fields };
      if (clean.dropped > 0) line['droppedFields'] = clean.dropped;
      if (error !== undefined) line.message = scrubText(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      const text = `${JSON.stringify(line)}\n`;
      if (size === undefined) {
        mkdirSync(options.dir, { recursive: true });
        size = existsSync(fileAt(0)) ? statSync(fileAt(0)).size : 0;
      }
      const bytes = Buffer.byteLength(text);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(fileAt(0), text);
      size += bytes;
    } catch {
      // Logging is best effort by design (see above); the next write tries again.
      size = undefined;
    }
  };

  const readLines = (file: string): LogLine[] => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').flatMap((raw) => {
      try {
        return raw ? [JSON.parse(raw) as LogLine] : [];
      } catch {
        return [];
      }
    });
  };

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields, error) => write('error', event, fields, error),
    recentErrors(limit = 20) {
      // The current file and the one before it cover any recent window worth showing.
      const lines = [...readLines(fileAt(1)), ...readLines(fileAt(0))].filter((line) => line.level === 'error');
      return lines.slice(-limit).map(({ t, event, code, message }) => [t, event, typeof code === 'string' ? code : '', message ? `— ${message}` : ''].filter(Boolean).join(' '));
    },
    files: () => Array.from({ length: maxFiles }, (_, i) => fileAt(i)).filter((file) => existsSync(file)),
  };
}
