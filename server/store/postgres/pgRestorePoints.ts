import type pg from 'pg';
import type { RestorePoint, RestorePointInfo, RestorePointLabel } from '../DocStore';

interface RestorePointRow {
  id: string;
  board_id: string;
  created_at: string;
  up_to_seq: string;
  actor: string;
  reason: string;
  counts: string;
  bytes: number;
}

const COLUMNS =
  'id, board_id, created_at, up_to_seq, actor, reason, counts, octet_length(state) AS bytes';

function toInfo(row: RestorePointRow): RestorePointInfo {
  let counts: Record<string, number> = {};
  try {
    counts = JSON.parse(row.counts) as Record<string, number>;
  } catch {
    // Written by us as JSON; a hand-edited row only loses the counts, never the state.
  }
  return {
    id: Number(row.id),
    boardId: row.board_id,
    createdAt: Number(row.created_at),
    upToSeq: Number(row.up_to_seq),
    actor: row.actor,
    reason: row.reason,
    counts,
    bytes: Number(row.bytes),
  };
}

/** Inserts a restore point and returns its listing. */
export async function insertRestorePoint(
  db: pg.Pool | pg.PoolClient,
  boardId: string,
  label: RestorePointLabel,
  point: {
    upToSeq: number;
    state: Uint8Array;
    counts: Record<string, number>;
    createdAt?: number;
  },
): Promise<RestorePointInfo> {
  const result = await db.query<RestorePointRow>(
    `INSERT INTO doc_restore_points (board_id, created_at, up_to_seq, actor, reason, counts, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [
      boardId,
      point.createdAt ?? Date.now(),
      point.upToSeq,
      label.actor,
      label.reason,
      JSON.stringify(point.counts),
      Buffer.from(point.state),
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('restore point vanished after insert');
  return toInfo(row);
}

/** The board's restore points, newest first. */
export async function listRestorePoints(db: pg.Pool, boardId: string): Promise<RestorePointInfo[]> {
  const result = await db.query<RestorePointRow>(
    `SELECT ${COLUMNS} FROM doc_restore_points WHERE board_id = $1 ORDER BY id DESC`,
    [boardId],
  );
  return result.rows.map(toInfo);
}

/** One restore point with its state, or null. */
export async function readRestorePoint(
  db: pg.Pool,
  boardId: string,
  id: number,
): Promise<RestorePoint | null> {
  if (!Number.isSafeInteger(id)) return null;
  const result = await db.query<RestorePointRow & { state: Buffer }>(
    `SELECT ${COLUMNS}, state FROM doc_restore_points WHERE board_id = $1 AND id = $2`,
    [boardId, id],
  );
  const row = result.rows[0];
  return row ? { info: toInfo(row), state: new Uint8Array(row.state) } : null;
}

/** Deletes the given restore points of the board; returns how many went. */
export async function deleteRestorePoints(
  db: pg.Pool,
  boardId: string,
  ids: readonly number[],
): Promise<number> {
  const valid = ids.filter((id) => Number.isSafeInteger(id));
  if (valid.length === 0) return 0;
  const result = await db.query(
    'DELETE FROM doc_restore_points WHERE board_id = $1 AND id = ANY($2::bigint[])',
    [boardId, valid],
  );
  return result.rowCount ?? 0;
}
