import { describe, expect, it } from 'vitest';
import { checkBuilderConfig, installedElectronVersion, readBuilderConfig } from './checkBuilderConfig';

const yaml = readBuilderConfig();
const electron = installedElectronVersion();
const check = (text: string) => checkBuilderConfig(text, electron);
const edit = (from: string, to: string) => {
  expect(yaml).toContain(from);
  return yaml.replace(from, to);
};

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema and meets the deployment policy', () => {
    expect(check(yaml)).toEqual([]);
  });

  it('pins the installed Electron version', () => {
    expect(yaml).toContain(`electronVersion: ${electron}`);
    expect(check(yaml.replace(`electronVersion: ${electron}`, 'electronVersion: 1.0.0')).join('\n')).toMatch(/policy: electronVersion/);
  });

  it('fails on broken YAML', () => {
    expect(check(`${yaml}\nnsis: [unclosed`)[0]).toMatch(/^YAML:/);
  });

  it('fails on a misspelled key anywhere (the schema forbids unknown properties)', () => {
    expect(check(edit('  perMachine: true', '  perMachine: true\n  perMachin: true')).join('\n')).toMatch(/schema: .*perMachin/);
    expect(check(edit('appId:', 'appID:')).join('\n')).toMatch(/schema: .*appID/);
  });

  it('fails on a wrongly typed value', () => {
    expect(check(edit('asar: true', 'asar: maybe')).join('\n')).toMatch(/schema: \/asar/);
  });

  it.each([
    ['a per-user installer', '  perMachine: true', '  perMachine: false', /nsis\.perMachine/],
    ['deleting app data on uninstall', 'deleteAppDataOnUninstall: false', 'deleteAppDataOnUninstall: true', /nsis\.deleteAppDataOnUninstall/],
    ['a one-click installer', 'oneClick: false', 'oneClick: true', /nsis\.oneClick/],
    ['no portable target', '    - portable\n', '', /win.*portable/],
    ['no deb target', '    - deb\n', '', /linux.*deb/],
    ['no AppImage target', '    - AppImage\n', '', /linux.*AppImage/],
    ['a non-generic publish provider', 'provider: generic', 'provider: github', /publish\.provider/],
    ['no .qabyl association', 'ext: qabyl', 'ext: zip', /fileAssociations/],
    ['RunAsNode turned back on', 'runAsNode: false', 'runAsNode: true', /electronFuses\.runAsNode/],
    ['cookies stored in plain text', 'enableCookieEncryption: true', 'enableCookieEncryption: false', /electronFuses\.enableCookieEncryption/],
    ['NODE_OPTIONS honoured', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeOptionsEnvironmentVariable: true', /electronFuses\.enableNodeOptionsEnvironmentVariable/],
    ['--inspect honoured', 'enableNodeCliInspectArguments: false', 'enableNodeCliInspectArguments: true', /electronFuses\.enableNodeCliInspectArguments/],
    ['no ASAR integrity check', 'enableEmbeddedAsarIntegrityValidation: true', 'enableEmbeddedAsarIntegrityValidation: false', /electronFuses\.enableEmbeddedAsarIntegrityValidation/],
    ['app code loadable outside the ASAR', 'onlyLoadAppFromAsar: true', 'onlyLoadAppFromAsar: false', /electronFuses\.onlyLoadAppFromAsar/],
    ['file:// given extra privileges', 'grantFileProtocolExtraPrivileges: false', 'grantFileProtocolExtraPrivileges: true', /electronFuses\.grantFileProtocolExtraPrivileges/],
    ['a fuse left out', '  runAsNode: false\n', '', /electronFuses\.runAsNode/],
    ['no fuses at all', 'electronFuses:', 'electronFusesOff:', /policy: electronFuses/],
  ])('fails the policy on %s', (_name, from, to, expected) => {
    expect(check(edit(from, to)).join('\n')).toMatch(expected);
  });
});
