import { matrixTable } from '../../shared/export/matrixTable';
import type { IssueMap } from '../../shared/issueMap/types';
import { useI18n } from '../i18n/I18nProvider';

const HEAT_RGB = [29, 78, 216] as const;

function luminance(rgb: readonly number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * A heat cell's shade for a strength 0..1 (blue over white), and the text colour, black
 * or white, whichever reads better on it (WCAG contrast), so every count stays legible.
 */
export function heatColors(strength: number): { background: string; color: string } {
  const alpha = 0.08 + Math.min(1, Math.max(0, strength)) * 0.85;
  const shade = HEAT_RGB.map((c) => Math.round(255 - (255 - c) * alpha));
  const l = luminance(shade);
  const onWhite = 1.05 / (l + 0.05);
  // Black, not a softer ink: with black or white some text reaches 4.58:1 on any shade.
  const onBlack = (l + 0.05) / 0.05;
  return {
    background: `rgb(${shade.join(' ')})`,
    color: onWhite > onBlack ? '#ffffff' : '#000000',
  };
}

/** Problems per kecamatan and bidang, each cell shaded by its count (darker: more). */
export function HeatTable({ map }: { map: IssueMap }) {
  const { messages } = useI18n();
  const table = matrixTable(map);
  const bidangColumns = map.taxonomy.length + 1;
  const body = table.rows.slice(0, -1);
  const total = table.rows[table.rows.length - 1] ?? [];
  const max = Math.max(
    1,
    ...body.flatMap((row) => row.slice(1, 1 + bidangColumns).map((c) => Number(c) || 0)),
  );
  const header = [
    messages.kecamatan,
    ...map.taxonomy.map((b) => b.nama),
    messages.noBidang,
    messages.total,
  ];
  return (
    // Scrolls sideways on a phone: focusable, so it scrolls by keyboard too.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={messages.heatTitle}>
      <table className="heat" data-testid="heat-table">
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              <th scope="row">{row[0]}</th>
              {row.slice(1, 1 + bidangColumns).map((cell, c) => {
                const n = Number(cell) || 0;
                return (
                  <td key={c} className="heat__cell" style={heatColors(n / max)}>
                    {n}
                  </td>
                );
              })}
              <td className="heat__total">{row[row.length - 1]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{messages.total}</th>
            {total.slice(1).map((cell, c) => (
              <td key={c} className="heat__total">
                {cell}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
