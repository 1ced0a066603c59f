/**
 * `scanimage -A` listings as backends print them (excerpts): SANE's test backend (recorded here), a brother4
 * MFC-9342CDW and a brother2 flatbed (as posted by their users), and a flatbed without a source option.
 */
import { describe, expect, it } from 'vitest';
import { ScanError } from '../scanTypes';
import { inputsOf, parseDeviceOptions, scanArguments } from './saneOptions';

const testBackend = `
All options specific to device \`test:0':
  Scan Mode:
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --hand-scanner[=(yes|no)] [no]
        Simulate a hand-scanner.
    --three-pass[=(yes|no)] [inactive]
        Simulate a three-pass scanner.
    --resolution 1..1200dpi (in steps of 1) [0.000762939]
        Sets the resolution of the scanned image.
    --source Flatbed|Automatic Document Feeder [Flatbed]
        If Automatic Document Feeder is selected, the feeder will be 'empty'
        after 10 scans.
    --read-limit-size 1..65536 (in steps of 1) [inactive]
        The (maximum) amount of data transferred with each call to sane_read().
  Geometry:
    -l 0..200mm (in steps of 1) [0]
        Top-left x position of scan area.
    -x 0..200mm (in steps of 1) [80]
        Width of scan-area.
    -y 0..200mm (in steps of 1) [100]
        Height of scan-area.
`;

const brother4 = `
Options specific to device \`brother4:net1;dev0':
  Mode:
    --mode Black & White|Gray[Error Diffusion]|True Gray|24bit Color[Fast] [24bit Color[Fast]]
        Select the scan mode
    --resolution 100|150|200|300|400|600|1200|2400|4800|9600dpi [200]
        Sets the resolution of the scanned image.
    --source FlatBed|Automatic Document Feeder(left aligned)|Automatic Document Feeder(left aligned,Duplex)|Automatic Document Feeder(centrally aligned)|Automatic Document Feeder(centrally aligned,Duplex) [Automatic Document Feeder(left aligned)]
        Selects the scan source (such as a document-feeder).
    --brightness -50..50% (in steps of 1) [inactive]
        Controls the brightness of the acquired image.
  Geometry:
    -l 0..215.9mm (in steps of 0.0999908) [0]
        Top-left x position of scan area.
    -x 0..215.9mm (in steps of 0.0999908) [215.88]
        Width of scan-area.
    -y 0..355.6mm (in steps of 0.0999908) [355.567]
        Height of scan-area.
`;

const brother2Flatbed = `
Options specific to device \`brother2:bus2;dev2':
  Mode:
    --mode Black & White|Gray[Error Diffusion]|True Gray|24bit Color [24bit Color]
    --resolution 100|150|200|300|400|600|1200|2400|4800|9600dpi [200]
    --source FlatBed [FlatBed]
`;

const noSourceOption = `
  Scan mode:
    --mode Color|Gray|Lineart [Color]
    --resolution 75|150|300|600|1200dpi [75]
`;

describe('SANE device options', () => {
  it('reads the test backend: its two sources, its modes, a resolution range and the area in mm', () => {
    const options = parseDeviceOptions(testBackend);
    expect(options).toEqual({ sources: ['Flatbed', 'Automatic Document Feeder'], modes: ['Gray', 'Color'], resolution: { min: 1, max: 1200 }, maxWidthMm: 200, maxHeightMm: 200 });
    expect(inputsOf(options)).toEqual(['platen', 'feeder']);
    expect(scanArguments(options, { input: 'feeder', colorMode: 'gray', dpi: 300 })).toEqual({
      args: ['--source', 'Automatic Document Feeder', '--mode', 'Gray', '--resolution', '300', '-x', '200', '-y', '200'],
      dpi: 300,
    });
  });

  it("picks brother's own names: the simplex feeder, true gray rather than dithered, the only colour mode, the nearest resolution", () => {
    const options = parseDeviceOptions(brother4);
    expect(options.modes).toEqual(['Black & White', 'Gray[Error Diffusion]', 'True Gray', '24bit Color[Fast]']);
    expect(inputsOf(options)).toEqual(['platen', 'feeder']);
    expect(scanArguments(options, { input: 'feeder', colorMode: 'gray', dpi: 250 }).args).toEqual([
      '--source',
      'Automatic Document Feeder(left aligned)',
      '--mode',
      'True Gray',
      '--resolution',
      '300',
      '-x',
      '210',
      '-y',
      '297',
    ]);
    expect(scanArguments(options, { input: 'platen', colorMode: 'color', dpi: 300 })).toMatchObject({ args: expect.arrayContaining(['FlatBed', '24bit Color[Fast]']), dpi: 300 });
  });

  it('treats a flatbed as platen only, and refuses a feeder scan on it', () => {
    for (const listing of [brother2Flatbed, noSourceOption]) {
      const options = parseDeviceOptions(listing);
      expect(inputsOf(options)).toEqual(['platen']);
      expect(() => scanArguments(options, { input: 'feeder', colorMode: 'gray', dpi: 300 })).toThrow(ScanError);
    }
    expect(scanArguments(parseDeviceOptions(noSourceOption), { input: 'platen', colorMode: 'color', dpi: 200 })).toEqual({ args: ['--mode', 'Color', '--resolution', '150'], dpi: 150 });
  });
});
