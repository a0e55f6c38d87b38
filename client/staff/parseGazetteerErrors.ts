/** One bad line of an uploaded gazetteer CSV, as the API reports it (422 details). */
export interface GazetteerLineError {
  line: number | null;
  message: string;
}

/** Parses the details of an `invalid-gazetteer` error (untrusted); at most 200 lines. */
export function parseGazetteerErrors(details: unknown): GazetteerLineError[] {
  if (!Array.isArray(details)) return [];
  return details.slice(0, 200).flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { line, message } = d as Record<string, unknown>;
    return [
      {
        line: typeof line === 'number' && Number.isFinite(line) ? line : null,
        message: typeof message === 'string' ? message.slice(0, 300) : '',
      },
    ];
  });
}
