/**
 * `npm run repair -- BOARD_ID`: rebuilds a board that cannot be loaded from the SQLite file under
 * DATA_DIR (see repairBoard) and prints what it did. Stop the server first.
 */
import path from 'node:path';
import process from 'node:process';
import { isBoardId } from '../../shared/protocol';
import { loadConfig } from '../config';
import { openDatabase } from '../store/openDatabase';
import { repairBoard } from './repairBoard';

const boardId = process.argv[2];
if (!isBoardId(boardId)) {
  process.stderr.write('Usage: npm run repair -- BOARD_ID   (a board id such as demo-juai)\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const db = openDatabase(config.dataDir);
try {
  const report = repairBoard(db, boardId, path.join(config.dataDir, 'repair-backups'));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `Board ${boardId}: ${report.cards} cards, ${report.clusters} clusters, ${report.votes} votes kept; ` +
      `${report.skipped.length} stored pieces skipped, ${report.cutItems} nested items cut. ` +
      `The original rows are in ${report.backup}.\n`,
  );
} catch (error) {
  process.stderr.write(`Repair failed: ${String(error)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
