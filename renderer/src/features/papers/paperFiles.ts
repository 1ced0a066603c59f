import type { HostClient } from '../../../../shared/host/hostApi';

/** A PDF from the host's document store, as a Blob the page can print or save. */
export async function pdfFromStore(host: HostClient, sha256: string): Promise<Blob> {
  const { contentBase64 } = await host.call('documents.get', { sha256 });
  return new Blob([Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0))], { type: 'application/pdf' });
}

/** Whether this browser shows PDFs itself (Electron with its viewer, desktop browsers); headless ones do not. */
export const canPrintPdf = (): boolean => navigator.pdfViewerEnabled;

/**
 * Prints through the browser's own PDF viewer in a hidden frame: the operator gets the usual print dialog with the
 * office printer, and nothing leaves the workstation.
 */
export function printPdf(pdf: Blob): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.className = 'print-frame';
    frame.title = 'print';
    frame.src = URL.createObjectURL(pdf);
    frame.onload = () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
        resolve();
      } catch (failure) {
        reject(failure instanceof Error ? failure : new Error(String(failure)));
      } finally {
        // The print dialog holds its own copy; the frame can go once it has been shown.
        setTimeout(() => {
          URL.revokeObjectURL(frame.src);
          frame.remove();
        }, 60_000);
      }
    };
    document.body.append(frame);
  });
}
