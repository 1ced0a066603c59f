// js-yaml (installed with electron-updater, which reads the same feed files) ships no types; this is what we use.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
