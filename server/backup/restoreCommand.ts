// `npm run restore -- FILE`: imports an event archive into this server's database as a new event.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { SqliteTokenRepository } from '../auth/SqliteTokenRepository';
import { ArchiveError, type EventArchive } from './archiveFormat';
import { importCheckedArchive } from './importEventArchive';
import { readEventArchive } from './readEventArchive';
import { openEventData } from './openEventData';

const USAGE = 'Usage: npm run restore -- FILE   (DATA_DIR as for the server)';

/** Runs the command; returns the exit code. */
export async function runRestoreCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let file: string | undefined;
  try {
    file = parseArgs({ args, allowPositionals: true }).positionals[0];
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let archive: EventArchive;
  try {
    // Checked before the database is opened: a bad file leaves no trace, not even a new file.
    archive = readEventArchive(bytes);
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    console.error(`Nothing was imported: ${error.message}`);
    return 1;
  }
  const config = loadConfig(env);
  const data = openEventData(config.dataDir, { mustExist: false });
  try {
    const result = await importCheckedArchive(data, archive);
    console.log(
      result.eventId === result.archivedEventId
        ? `Event ${result.eventId} imported with ${result.boards.length} boards`
        : `Event ${result.archivedEventId} already exists here: imported as ${result.eventId} with ${result.boards.length} boards`,
    );
    for (const b of result.boards) {
      console.log(
        `  ${b.id}  join code ${b.joinCode}${b.joinCodeKept ? '' : ' (new: the old one is in use here)'}`,
      );
    }
    if (result.restorePoints.notKept > 0)
      console.log(
        `  ${result.restorePoints.notKept} restore points not kept (this server keeps none)`,
      );
    if (data.created) {
      // A fresh machine has no staff link yet (no demo was seeded): print one, once.
      const { token } = await new SqliteTokenRepository(data.db).issue({
        role: 'staff',
        name: 'Staf',
      });
      const base = config.publicUrl ?? `http://localhost:${config.port}`;
      console.log(`Staff link (keep it; shown only once):\n  ${base}/?token=${token}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) {
      console.error(`Nothing was imported: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await data.close();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  runRestoreCommand(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
