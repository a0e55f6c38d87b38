import Papa from 'papaparse';

/** Parses our CSV back into rows of strings, checking the BOM and CRLF line ends on the way. */
export function readCsv(csv: string, delimiter = ','): string[][] {
  if (!csv.startsWith('\uFEFF')) throw new Error('CSV without a UTF-8 byte order mark');
  if (/[^\r]\n/.test(csv.replace(/"[^"]*"/g, ''))) throw new Error('CSV line end that is not CRLF');
  const parsed = Papa.parse<string[]>(csv.slice(1), {
    delimiter,
    newline: '\r\n',
    skipEmptyLines: true,
  });
  if (parsed.errors.length > 0)
    throw new Error(`CSV: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.data;
}
