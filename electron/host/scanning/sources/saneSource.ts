/**
 * SANE scanners through the `scanimage` command line (scanning.md §2.2): USB and network scanners with a
 * Linux driver. A batch runs as one `scanimage --batch` process writing PNG pages into the work folder.
 * scanimage writes each page as `<name>.part` and renames it when the page is whole, so a page under its
 * final name is complete and is yielded at once, while the scanner goes on with the next sheet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ScanError, type RawPage, type ScanDevice, type ScanErrorCode, type ScannerSource, type ScanRequest } from '../scanTypes';
import { inputsOf, parseDeviceOptions, scanArguments, type SaneDeviceOptions } from './saneOptions';

export interface SaneSourceOptions {
  /** Path of the scanimage binary; `scanimage` on the PATH unless told. */
  scanimage?: string;
  /** Added to the host's environment, e.g. SANE_CONFIG_DIR. */
  env?: NodeJS.ProcessEnv;
}

const idPrefix = 'sane:';
const pageName = (seq: number) => `p${String(seq).padStart(4, '0')}.png`;
const unfinishedPage = /^p\d{4,}\.png\.part$/;
/** A process that ignores SIGTERM (a backend stuck in a USB read) is killed after this long. */
const killGraceMs = 3_000;

/** scanimage's exit status is the SANE_Status that stopped it (sane/sane.h). */
const statusErrors: Record<number, ScanErrorCode> = { 2: 'cancelled', 3: 'busy', 6: 'paperJam', 7: 'feederEmpty', 8: 'coverOpen', 9: 'deviceError' };

/** What scanimage said last about the failure, e.g. `scanimage: sane_read: Document feeder jammed`. */
function complaintOf(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.findLast((line) => line.startsWith('scanimage:')) ?? lines.at(-1);
}

function failureOf(code: number | null, stderr: string): ScanError {
  const detail = complaintOf(stderr) ?? `scanimage exited with ${code}`;
  // Opening the device fails with exit 1 whatever the cause: unplugged, switched off, or in use elsewhere.
  const opening = stderr.match(/open of device \S+ failed: (.+)/);
  if (opening) return new ScanError(/busy/i.test(opening[1]!) ? 'busy' : 'offline', detail);
  return new ScanError((code !== null && statusErrors[code]) || 'deviceError', detail);
}

const cannotRun = (error: unknown) => new ScanError('deviceError', `cannot run scanimage: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (found) => found.isFile(),
    () => false,
  );
}

/** Waits for the process to end, killing it first if it still runs. */
async function stop(child: ChildProcess, closed: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void (await closed);
  child.kill('SIGTERM');
  const hard = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
  await closed;
  clearTimeout(hard);
}

export function createSaneSource(options: SaneSourceOptions = {}): ScannerSource {
  const command = options.scanimage ?? 'scanimage';
  // Messages in English whatever the workstation's locale: the device-open failure is told apart by its words.
  const env = { ...process.env, ...options.env, LC_ALL: 'C' };

  function runToEnd(args: string[], signal?: AbortSignal): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { env, signal, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function readDeviceOptions(deviceName: string, signal?: AbortSignal): Promise<SaneDeviceOptions> {
    const listing = await runToEnd(['-d', deviceName, '-A'], signal).catch((error: unknown) => {
      throw signal?.aborted ? new ScanError('cancelled') : cannotRun(error);
    });
    if (listing.code !== 0) throw failureOf(listing.code, listing.stderr);
    return parseDeviceOptions(listing.stdout);
  }

  // `-A` opens the device, seconds on some USB scanners: asked once per device, not at every list and scan.
  const knownOptions = new Map<string, Promise<SaneDeviceOptions>>();
  function deviceOptions(deviceName: string, signal?: AbortSignal): Promise<SaneDeviceOptions> {
    let options = knownOptions.get(deviceName);
    if (!options) {
      options = readDeviceOptions(deviceName, signal);
      knownOptions.set(deviceName, options);
      // A failed look (unplugged, busy, cancelled) is not remembered: the next one asks the device again.
      options.catch(() => knownOptions.delete(deviceName));
    }
    return options;
  }

  async function* scan(device: ScanDevice, request: ScanRequest, workDir: string, signal: AbortSignal): AsyncGenerator<RawPage> {
    if (device.kind !== 'sane' || !device.id.startsWith(idPrefix)) throw new ScanError('unsupported', `not a SANE device: ${device.id}`);
    const deviceName = device.id.slice(idPrefix.length);
    const { args, dpi } = scanArguments(await deviceOptions(deviceName, signal), request);
    signal.throwIfAborted();
    // scanimage formats the batch name with printf: a `%` in the folder must not read as a conversion.
    const batchName = join(workDir.replaceAll('%', '%%'), 'p%04d.png');
    const child = spawn(command, ['-d', deviceName, ...args, '--format=png', `--batch=${batchName}`, ...(request.input === 'platen' ? ['--batch-count=1'] : [])], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });

    // Every sign of progress (a stderr line at each page boundary, the exit, a cancel) wakes the page loop.
    let changes = 0;
    let wake: (() => void) | undefined;
    const changed = () => {
      changes++;
      wake?.();
    };
    const changedSince = (seen: number) => (seen === changes ? new Promise<void>((resolve) => (wake = resolve)) : Promise.resolve());
    let stderr = '';
    let exit: { code: number | null } | undefined;
    let spawnFailure: unknown;
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      changed();
    });
    child.once('error', (error) => {
      spawnFailure = error;
      changed();
    });
    const closed = new Promise<void>((resolve) =>
      child.once('close', (code) => {
        exit = { code };
        changed();
        resolve();
      }),
    );
    signal.addEventListener('abort', changed, { once: true });

    let seq = 1;
    try {
      for (;;) {
        const seen = changes;
        // Read before looking for the page: after the exit no page can appear, so a miss then is final.
        const ended = exit !== undefined;
        if (signal.aborted) throw new ScanError('cancelled');
        const path = join(workDir, pageName(seq));
        if (await isFile(path)) {
          yield { seq, path, mimeType: 'image/png', dpi };
          seq++;
          continue;
        }
        if (ended) break;
        await changedSince(seen);
      }
      if (spawnFailure) throw cannotRun(spawnFailure);
      const pages = seq - 1;
      const code = exit?.code ?? null;
      // An emptied feeder after at least one page is the normal end of a batch (exit 0, or 7 from some backends).
      if ((code === 0 || code === 7) && pages > 0) return;
      if (code === 0 || code === 7) throw request.input === 'feeder' ? new ScanError('feederEmpty', complaintOf(stderr)) : new ScanError('deviceError', 'the scanner delivered no page');
      throw failureOf(code, stderr);
    } finally {
      signal.removeEventListener('abort', changed);
      await stop(child, closed);
      const leftovers = (await readdir(workDir).catch(() => [])).filter((name) => unfinishedPage.test(name));
      await Promise.all(leftovers.map((name) => rm(join(workDir, name), { force: true })));
    }
  }

  async function describe(line: string, signal?: AbortSignal): Promise<ScanDevice> {
    // `%d|%v|%m|%t`: the device name comes first and may itself hold a `|`, the three after it do not.
    const fields = line.split('|');
    const [vendor, model] = fields.slice(-3);
    const deviceName = fields.slice(0, -3).join('|');
    const inputs = await deviceOptions(deviceName, signal).then(inputsOf, () => ['platen' as const]);
    return { id: `${idPrefix}${deviceName}`, kind: 'sane', name: `${vendor} ${model}`.trim(), inputs };
  }

  return {
    kind: 'sane',
    async discover(signal) {
      const listing = await runToEnd(['-f', '%d|%v|%m|%t%n'], signal).catch(() => undefined);
      if (listing?.code !== 0) return [];
      const lines = listing.stdout.split('\n').filter((line) => line.split('|').length >= 4);
      return Promise.all(lines.map((line) => describe(line, signal)));
    },
    scan,
  };
}
