/** Offers JSON to the operator as a file to save (a download in browsers, a save dialog in Electron). */
export function saveJsonFile(fileName: string, content: unknown): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(content, null, 2)], { type: 'application/json' }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
