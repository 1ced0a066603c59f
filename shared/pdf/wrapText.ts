/** Greedy word wrap for PDF text: lines no wider than `width` at `size`, measured by the font itself. */
export interface MeasuringFont {
  widthOfTextAtSize(text: string, size: number): number;
}

export function wrapText(text: string, font: MeasuringFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
