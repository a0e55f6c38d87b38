import { useState } from 'react';
import { desaLabel, kecamatanLabel } from '../../shared/export/labels';
import type { BoardIssues, IssueMap, Problem } from '../../shared/issueMap/types';
import { useI18n } from '../i18n/I18nProvider';

interface DesaGroup {
  key: string;
  label: string;
  problems: { problem: Problem; issueTitle: string | null }[];
}

/** The problems of a board grouped by desa, most problems first; no desa last. */
export function desaGroups(board: BoardIssues, noDesa: string): DesaGroup[] {
  const groups = new Map<string, DesaGroup>();
  const add = (problem: Problem, issueTitle: string | null) => {
    const key = problem.desa.kode ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { key, label: desaLabel(problem.desa) || noDesa, problems: [] };
      groups.set(key, group);
    }
    group.problems.push({ problem, issueTitle });
  };
  for (const issue of board.issues) for (const p of issue.problems) add(p, issue.title);
  for (const p of board.unclustered) add(p, null);
  return [...groups.values()].sort(
    (a, b) =>
      (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) ||
      b.problems.length - a.problems.length ||
      a.label.localeCompare(b.label),
  );
}

/** Tap a kecamatan, then a desa, to see what its people wrote. */
export function Drilldown(props: { map: IssueMap; colorOf(bidangId: string | null): string }) {
  const { messages } = useI18n();
  const boards = props.map.boards.filter((b) => b.kind === 'kecamatan');
  const [boardId, setBoardId] = useState<string | null>(null);
  const [desaKey, setDesaKey] = useState<string | null>(null);
  const board = boards.find((b) => b.boardId === boardId) ?? null;
  const groups = board ? desaGroups(board, messages.noDesa) : [];
  const group = groups.find((g) => g.key === desaKey) ?? null;
  const maxCards = Math.max(1, ...boards.map((b) => b.summary.cards));

  return (
    <div className="drill" data-testid="drilldown">
      <div className="tiles">
        {boards.map((b) => (
          <button
            key={b.boardId}
            type="button"
            className={`tile ${b.boardId === boardId ? 'tile--on' : ''}`}
            onClick={() => {
              setBoardId(b.boardId === boardId ? null : b.boardId);
              setDesaKey(null);
            }}
            data-testid="drill-kecamatan"
          >
            <span className="tile__name">{kecamatanLabel(b.kecamatan) || b.title}</span>
            <span
              className="tile__bar"
              style={{ width: `${(b.summary.cards / maxCards) * 100}%` }}
            />
            <span className="tile__count">
              {messages.problemCount(b.summary.cards)} · {messages.issueCount(b.summary.issues)}
            </span>
          </button>
        ))}
      </div>
      {board && (
        <div className="tiles tiles--desa" data-testid="drill-desa-list">
          {groups.map((g) => (
            <button
              key={g.key}
              type="button"
              className={`tile tile--small ${g.key === desaKey ? 'tile--on' : ''}`}
              onClick={() => setDesaKey(g.key === desaKey ? null : g.key)}
              data-testid="drill-desa"
            >
              <span className="tile__name">{g.label}</span>
              {/* "1 permasalahan", not a bare "1" that reads like part of the desa's name. */}
              <span className="tile__count">{messages.problemCount(g.problems.length)}</span>
            </button>
          ))}
        </div>
      )}
      {group && (
        <ul className="problems" data-testid="drill-problems">
          {group.problems.map(({ problem, issueTitle }) => (
            <li
              key={problem.cardId}
              className="problem"
              style={{ borderLeftColor: props.colorOf(problem.bidang?.id ?? null) }}
            >
              <span>{problem.text}</span>
              <small>
                {issueTitle ?? messages.unclustered}
                {problem.bidang ? ` · ${problem.bidang.nama}` : ''}
                {problem.votes > 0 ? ` · ${messages.votes(problem.votes)}` : ''}
              </small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
