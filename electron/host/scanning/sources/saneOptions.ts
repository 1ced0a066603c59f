/**
 * What a SANE device offers, read from `scanimage -d DEV -A`, and the scanimage arguments for a request.
 * Every backend names its choices its own way (`Flatbed`/`ADF`/`Automatic Document Feeder`, `Gray`/`True Gray`,
 * `Color`/`24bit Color`), so choices are picked by name from the device's own list, never assumed.
 */
import { ScanError, type ScanDevice, type ScanRequest } from '../scanTypes';

export interface SaneDeviceOptions {
  sources: string[];
  modes: string[];
  resolution?: { values: number[] } | { min: number; max: number };
  /** Largest scan area in mm, when the backend measures it in mm. */
  maxWidthMm?: number;
  maxHeightMm?: number;
}

// `    --source Flatbed|Automatic Document Feeder [Flatbed]`, `    -x 0..200mm (in steps of 1) [80]`; the current
// value may hold brackets itself (brother4: `--mode …|24bit Color[Fast] [24bit Color[Fast]]`).
const optionLine = /^\s+(--?[a-z][\w-]*) (.+?) \[(.*)\]$/;
const rangePattern = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)([a-z]*)/;

export function parseDeviceOptions(listing: string): SaneDeviceOptions {
  const offered = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const match = line.trimEnd().match(optionLine);
    if (match && match[3] !== 'inactive') offered.set(match[1]!, match[2]!);
  }
  const list = (name: string) => offered.get(name)?.split('|').map((choice) => choice.trim()) ?? [];
  const range = (name: string) => {
    const match = offered.get(name)?.match(rangePattern);
    return match ? { min: Number(match[1]), max: Number(match[2]), unit: match[3] } : undefined;
  };
  const resolutionRange = range('--resolution');
  const resolutionValues = list('--resolution').map((value) => Number.parseFloat(value)).filter(Number.isFinite);
  const width = range('-x');
  const height = range('-y');
  return {
    sources: list('--source'),
    modes: list('--mode'),
    resolution: resolutionRange ? { min: resolutionRange.min, max: resolutionRange.max } : resolutionValues.length > 0 ? { values: resolutionValues } : undefined,
    maxWidthMm: width?.unit === 'mm' ? width.max : undefined,
    maxHeightMm: height?.unit === 'mm' ? height.max : undefined,
  };
}

/**
 * The usual name first; else the first that fits, bracketed variants last: brother's `Gray[Error Diffusion]` is
 * dithered black and white, though its `24bit Color[Fast]` may be the only colour mode.
 */
function pick(choices: string[], usual: string[], fits: RegExp): string | undefined {
  const fitting = choices.filter((choice) => fits.test(choice));
  return choices.find((choice) => usual.includes(choice)) ?? fitting.find((choice) => !choice.includes('[')) ?? fitting[0];
}

const platenSource = (options: SaneDeviceOptions) => pick(options.sources, ['Flatbed', 'FlatBed', 'Platen', 'Normal'], /flatbed|platen/i);
const feederSource = (options: SaneDeviceOptions) => pick(options.sources, ['ADF', 'Automatic Document Feeder', 'ADF Front', 'ADF Simplex', 'Document Feeder'], /^(?!.*(duplex|back|rear)).*(adf|feeder)/i);

export function inputsOf(options: SaneDeviceOptions): ScanDevice['inputs'] {
  // A device without a source option is a plain flatbed.
  if (options.sources.length === 0) return ['platen'];
  return [...(platenSource(options) ? ['platen' as const] : []), ...(feederSource(options) ? ['feeder' as const] : [])];
}

function nearestResolution(options: SaneDeviceOptions, asked: number): number | undefined {
  const offered = options.resolution;
  if (!offered) return undefined;
  // Halfway between two, the finer one: a page is better downsampled than blown up.
  if ('values' in offered) return offered.values.reduce((best, value) => (Math.abs(value - asked) < Math.abs(best - asked) || (Math.abs(value - asked) === Math.abs(best - asked) && value > best) ? value : best));
  return Math.min(offered.max, Math.max(offered.min, asked));
}

const A4 = { widthMm: 210, heightMm: 297 };

/** Device options for scanimage, and the resolution the pages will actually have. */
export function scanArguments(options: SaneDeviceOptions, request: ScanRequest): { args: string[]; dpi: number } {
  const args: string[] = [];
  if (options.sources.length > 0) {
    const source = request.input === 'feeder' ? feederSource(options) : platenSource(options);
    if (!source) throw new ScanError('unsupported', `the scanner has no ${request.input} among ${options.sources.join(', ')}`);
    args.push('--source', source);
  } else if (request.input === 'feeder') throw new ScanError('unsupported', 'the scanner has no feeder');

  const mode = request.colorMode === 'color' ? pick(options.modes, ['Color', 'Colour'], /colou?r/i) : pick(options.modes, ['Gray', 'Grayscale', 'Grey'], /gr[ae]y/i);
  if (mode) args.push('--mode', mode);

  const dpi = nearestResolution(options, request.dpi);
  if (dpi !== undefined) args.push('--resolution', String(dpi));

  if (options.maxWidthMm !== undefined) args.push('-x', String(Math.min(A4.widthMm, options.maxWidthMm)));
  if (options.maxHeightMm !== undefined) args.push('-y', String(Math.min(A4.heightMm, options.maxHeightMm)));
  return { args, dpi: dpi ?? request.dpi };
}
