/** Offers content to the operator as a file to save (a download in browsers, a save dialog in Electron). */
export function saveFile(fileName: string, content: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(content);
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function saveJsonFile(fileName: string, content: unknown): void {
  saveFile(fileName, new Blob([JSON.stringify(content, null, 2)], { type: 'application/json' }));
}
