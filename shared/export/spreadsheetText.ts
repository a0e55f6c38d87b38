import { neutraliseCell } from './neutraliseCell';

/**
 * Untrusted text as a CSV or XLSX cell: neutralised against formulas, with line breaks as LF
 * (what Excel uses inside a cell, and what XLSX keeps: XML turns a bare CR into LF on reading).
 */
export function spreadsheetText(value: string): string {
  return neutraliseCell(value).replace(/\r\n?/g, '\n');
}
