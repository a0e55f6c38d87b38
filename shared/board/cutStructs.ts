import * as encoding from 'lib0/encoding';
import type { ScannedStruct, ScannedUpdate } from './scanUpdate';

/**
 * Rewrites a scanned v1 update with the given items replaced by collected ranges (GC structs) of
 * the same clocks. Everything else is copied byte for byte, so the state vector is unchanged:
 * a tablet that still holds the cut items never sends them again, and Yjs turns the children of
 * a cut item into collected ranges too when it applies the result.
 */
export function cutStructs(
  update: Uint8Array,
  scanned: ScannedUpdate,
  cut: ReadonlySet<ScannedStruct>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  // Blocks as on the wire: one per client, each a run of consecutive clocks.
  const blocks: ScannedStruct[][] = [];
  let block: ScannedStruct[] = [];
  for (const s of scanned.structs) {
    const last = block[block.length - 1];
    if (last && (last.client !== s.client || last.clock + last.length !== s.clock)) {
      blocks.push(block);
      block = [];
    }
    block.push(s);
  }
  if (block.length > 0) blocks.push(block);
  encoding.writeVarUint(encoder, blocks.length);
  for (const list of blocks) {
    const first = list[0] as ScannedStruct;
    encoding.writeVarUint(encoder, list.length);
    encoding.writeVarUint(encoder, first.client);
    encoding.writeVarUint(encoder, first.clock);
    for (const s of list) {
      if (cut.has(s)) {
        encoding.writeUint8(encoder, 0);
        encoding.writeVarUint(encoder, s.length);
      } else {
        encoding.writeUint8Array(encoder, update.subarray(s.start, s.end));
      }
    }
  }
  encoding.writeUint8Array(encoder, update.subarray(scanned.deleteSetStart));
  return encoding.toUint8Array(encoder);
}
