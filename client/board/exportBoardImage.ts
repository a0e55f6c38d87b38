import type { Editor } from 'tldraw';

export type BoardImageFormat = 'png' | 'svg';

/** A file name for the export: the board id and the date, e.g. `e2e-juai-2025-05-14.png`. */
export function boardImageFileName(
  boardId: string,
  format: BoardImageFormat,
  now = new Date(),
): string {
  return `${boardId}-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The whole board as a PNG or SVG blob, made by tldraw from every shape on the page. Fonts come
 * from our own /tldraw-assets and are embedded in the image; null when the board is empty.
 */
export async function boardImage(editor: Editor, format: BoardImageFormat): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()];
  if (ids.length === 0) return null;
  const { blob } = await editor.toImage(ids, {
    format,
    background: true,
    padding: 32,
    scale: 1,
    ...(format === 'png' ? { pixelRatio: 2 } : {}),
  });
  return blob;
}

/** Hands a blob to the browser as a download (no request leaves the page). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
