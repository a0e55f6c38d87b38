import { matrixTable } from '../../shared/export/matrixTable';
import type { IssueMap } from '../../shared/issueMap/types';
import { useI18n } from '../i18n/I18nProvider';

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
    <div className="table-scroll">
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
                const strength = n / max;
                return (
                  <td
                    key={c}
                    className="heat__cell"
                    style={{
                      background: `rgb(29 78 216 / ${(0.08 + strength * 0.85).toFixed(2)})`,
                      color: strength > 0.5 ? '#fff' : undefined,
                    }}
                  >
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
