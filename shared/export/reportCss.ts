/**
 * Print styles of the "Peta Isu Strategis" report: A4 pages, a cover page, each kecamatan on a
 * new page, table headers repeated across pages, long unbroken text wrapped, no web fonts.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
@page { @bottom-right { content: counter(page); font: 9pt sans-serif; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10pt/1.4 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0; }
h1 { font-size: 26pt; margin: 0 0 6mm; }
h2 { font-size: 15pt; border-bottom: 2px solid #1e3a5f; padding-bottom: 1mm; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; }
.cover .kicker { font-size: 13pt; letter-spacing: 0.08em; text-transform: uppercase; color: #1e3a5f; }
.cover .event { font-size: 17pt; margin-bottom: 10mm; }
.cover dl { display: grid; grid-template-columns: 40mm 1fr; gap: 1.5mm 4mm; font-size: 11pt; }
.cover dt { color: #555; }
.cover dd { margin: 0; }
section.page { break-before: page; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 0 0 5mm; }
.figure { border: 1px solid #cbd5e1; border-radius: 2mm; padding: 2.5mm; }
.figure b { display: block; font-size: 16pt; }
.issue { break-inside: avoid-page; margin-bottom: 4mm; }
.meta { color: #444; font-size: 9pt; }
.provenance { font-size: 9pt; background: #f1f5f9; padding: 1.5mm 2.5mm; border-left: 3px solid #1e3a5f; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #cbd5e1; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e2e8f0; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
h3, p, dd, td.long { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
td.nowrap { white-space: nowrap; }
.empty { color: #666; font-style: italic; }
`;
