// `npm run backup -- --out FILE [--event ID]`: writes one event as a portable archive file.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { openEventData } from './openEventData';
import { writeEventArchive } from './writeEventArchive';

const USAGE = 'Usage: npm run backup -- --out FILE [--event ID]   (DATA_DIR as for the server)';

/** Runs the command; returns the exit code. Messages go to stdout, problems to stderr. */
export async function runBackupCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let out: string | undefined;
  let eventId: string | undefined;
  try {
    const { values } = parseArgs({
      args,
      options: { out: { type: 'string' }, event: { type: 'string' } },
    });
    out = values.out;
    eventId = values.event;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (!out) {
    console.error(USAGE);
    return 2;
  }
  const file = path.resolve(out);
  if (fs.existsSync(file)) {
    console.error(`${file} already exists; choose another name (an archive is never overwritten)`);
    return 1;
  }
  const data = openEventData(loadConfig(env).dataDir, { mustExist: true });
  try {
    if (eventId === undefined) {
      const events = await data.events.listEvents();
      if (events.length !== 1) {
        const list = events.map((e) => `  ${e.id}  ${e.title}`).join('\n');
        console.error(
          events.length === 0
            ? 'There are no events to back up'
            : `There are ${events.length} events; choose one with --event ID:\n${list}`,
        );
        return 1;
      }
      eventId = events[0]?.id;
    }
    const bytes = await writeEventArchive(data, eventId ?? '');
    // Written beside its final name and renamed, so a crash never leaves half an archive there.
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, bytes, { flag: 'wx' });
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
    const boards = (await data.events.listBoards(eventId ?? '')).length;
    console.log(
      `Event ${eventId} (${boards} boards) archived to ${file} (${bytes.byteLength} bytes)`,
    );
    return 0;
  } finally {
    await data.close();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  runBackupCommand(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
