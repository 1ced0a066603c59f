/**
 * The eSCL (AirScan) messages the client exchanges (scanning.md §2.1): capabilities and status read tolerantly,
 * since devices differ in namespace prefixes, spelling and doctype case; scan settings written as sane-airscan
 * sends them, which real devices accept.
 */
import { DOMParser, onErrorStopParsing, type Document, type Element } from '@xmldom/xmldom';
import { ScanError, type ScanErrorCode, type ScanRequest } from '../scanTypes';

/** Largest area an input takes, in 1/300 inch; absent when the device does not say. */
export interface InputArea {
  maxWidth?: number;
  maxHeight?: number;
}

export interface EsclCapabilities {
  makeAndModel?: string;
  platen?: InputArea;
  feeder?: InputArea;
}

export interface EsclStatus {
  state?: string;
  adfState?: string;
}

function parseXml(xml: string): Document {
  // Some devices write `<!doctype`, which an XML parser refuses; NAPS2 rewrites it the same way.
  return new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml.replace(/<!doctype/i, '<!DOCTYPE'), 'text/xml');
}

/** By local name in any namespace: devices disagree on prefixes and on the namespace versions. */
const firstNamed = (scope: Document | Element, localName: string): Element | undefined => scope.getElementsByTagNameNS('*', localName)[0];

function textNamed(scope: Document | Element, localName: string): string | undefined {
  const text = firstNamed(scope, localName)?.textContent?.trim();
  return text ? text : undefined;
}

function numberNamed(scope: Element, localName: string): number | undefined {
  const value = Number(textNamed(scope, localName));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function inputArea(document: Document, container: string, caps: string): InputArea | undefined {
  const element = firstNamed(document, container);
  if (!element) return undefined;
  const scope = firstNamed(element, caps) ?? element;
  return { maxWidth: numberNamed(scope, 'MaxWidth'), maxHeight: numberNamed(scope, 'MaxHeight') };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const document = parseXml(xml);
  if (document.documentElement?.localName !== 'ScannerCapabilities') throw new ScanError('deviceError', 'not an eSCL capabilities document');
  return {
    makeAndModel: textNamed(document, 'MakeAndModel'),
    platen: inputArea(document, 'Platen', 'PlatenInputCaps'),
    feeder: inputArea(document, 'Adf', 'AdfSimplexInputCaps'),
  };
}

export function parseStatus(xml: string): EsclStatus {
  const document = parseXml(xml);
  return { state: textNamed(document, 'State'), adfState: textNamed(document, 'AdfState') };
}

/**
 * The feeder states that stop a scan. Every other state (processing, and "loaded" in both the spec's
 * `ScannedAdfLoaded` and the common `ScannerAdfLoaded` spelling) is no problem of the feeder.
 */
const feederProblems: Record<string, ScanErrorCode> = {
  ScannerAdfEmpty: 'feederEmpty',
  ScannerAdfJam: 'paperJam',
  ScannerAdfMispick: 'paperJam',
  ScannerAdfMultipickDetected: 'paperJam',
  ScannerAdfDuplexPageTooShort: 'paperJam',
  ScannerAdfDuplexPageTooLong: 'paperJam',
  ScannerAdfHatchOpen: 'coverOpen',
  ScannerAdfInputTrayFailed: 'deviceError',
  ScannerAdfInputTrayOverloaded: 'deviceError',
};

/** Why the scanner refused, from its status after an error answer (`what` says which answer). */
export function problemOfStatus(status: EsclStatus, what: string): ScanError {
  const code = status.adfState ? feederProblems[status.adfState] : undefined;
  if (code) return new ScanError(code, `${what}; feeder ${status.adfState}`);
  return new ScanError('deviceError', `${what}; scanner ${status.state ?? 'state unknown'}`);
}

const A4 = { width: 2480, height: 3508 };

/** An A4 job, cut to the input's largest area when the device's is smaller. */
export function scanSettingsXml(request: ScanRequest, area: InputArea): string {
  const width = Math.min(A4.width, area.maxWidth ?? A4.width);
  const height = Math.min(A4.height, area.maxHeight ?? A4.height);
  const dpi = Math.round(request.dpi);
  // Grayscale JPEG, never BlackAndWhite1: JPEG cannot carry 1-bit, so devices fall back to PDF at the end of the batch.
  const colorMode = request.colorMode === 'color' ? 'RGB24' : 'Grayscale8';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">',
    '<pwg:Version>2.0</pwg:Version>',
    '<pwg:ScanRegions><pwg:ScanRegion>',
    '<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    `<pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset><pwg:Width>${width}</pwg:Width><pwg:Height>${height}</pwg:Height>`,
    '</pwg:ScanRegion></pwg:ScanRegions>',
    `<pwg:InputSource>${request.input === 'feeder' ? 'Feeder' : 'Platen'}</pwg:InputSource>`,
    `<scan:ColorMode>${colorMode}</scan:ColorMode>`,
    '<pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>',
    `<scan:XResolution>${dpi}</scan:XResolution><scan:YResolution>${dpi}</scan:YResolution>`,
    '</scan:ScanSettings>',
  ].join('\n');
}
