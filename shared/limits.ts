/**
 * Named limits shared by client and server. Each says why it exists; the server's copies can be
 * overridden by environment variables (see server/config.ts), these are the defaults.
 */

/** Largest websocket message the server accepts. A full board of 20,000 cards syncs in ~4 MiB. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Largest encoded board document; past it, updates are refused so one board cannot fill the disk. */
export const MAX_DOC_BYTES = 32 * 1024 * 1024;
/** Cards on one board: a merged kabupaten board of 8 kecamatan x 1,250 cards fits with room to spare. */
export const MAX_CARDS_PER_BOARD = 20_000;
/** Clusters on one board. */
export const MAX_CLUSTERS_PER_BOARD = 2_000;
/** Free-drawn tldraw records on one board. */
export const MAX_CANVAS_RECORDS = 5_000;
/** Bytes of one free-drawn record (JSON), so a pasted image blob cannot bloat a board. */
export const MAX_CANVAS_RECORD_BYTES = 64 * 1024;
/**
 * Nesting levels of one record's value (a card field, a free-drawn record). tldraw records nest
 * about 8 levels (a bulleted list in rich text adds 2 per indent); a hostile 5,000-level nest
 * would overflow every recursive reader (Yjs toJSON, JSON.stringify, React), so readers skip it.
 */
export const MAX_RECORD_DEPTH = 64;
/** A card's problem text: a sticky note, not an essay. Longer text is cut on read, never thrown. */
export const MAX_CARD_TEXT_LENGTH = 2_000;
/** A cluster title (the strategic issue). */
export const MAX_TITLE_LENGTH = 300;
/** A person's display name. */
export const MAX_NAME_LENGTH = 80;
/** Connections to one board (a breakout table has ~20 tablets; observers and consoles add more). */
export const MAX_CONNECTIONS_PER_ROOM = 1_000;
/** Bytes of one awareness (presence) state: a cursor and a name, not a payload channel. */
export const MAX_AWARENESS_BYTES = 4 * 1024;
/** Awareness messages per connection per second; more are dropped (cursors are throttled to 10 Hz). */
export const MAX_AWARENESS_PER_SECOND = 30;
/** Coordinates are clamped to this box so NaN/huge values cannot break rendering or exports. */
export const MAX_COORDINATE = 1_000_000;
/** Smallest and largest cluster frame side. */
export const MIN_CLUSTER_SIDE = 40;
export const MAX_CLUSTER_SIDE = 100_000;
/** Dots one voter may put on one target. */
export const MAX_VOTES_PER_TARGET = 99;
/** Default dot-vote budget per person per board. */
export const DEFAULT_VOTE_BUDGET = 3;

/*
 * Shape limits, checked at the door (before an update is stored or applied) by measureUpdate and
 * checkUpdateShape in shared/board/. A board's legitimate shape is shallow and bounded: cards and
 * clusters are entries of top-level maps, their fields one level below, canvas records plain JSON.
 */

/**
 * Nesting from a top-level type, Y types and the JSON inside them together. A board needs about
 * 10 (a tldraw record's rich text); Yjs deletes, collects and reads nested types recursively, so a
 * 5,000-level nest overflowed the stack of the server and every client. Below MAX_RECORD_DEPTH,
 * so whatever the door lets in, readers read.
 */
export const MAX_UPDATE_DEPTH = 48;
/**
 * Structs and delete ranges in one update. A tablet that was offline for a whole session sends a
 * few thousand; 400,000 small entries in one 8 MiB update stalled the server for 2.9 s.
 */
export const MAX_UPDATE_STRUCTS = 100_000;
/**
 * Entries (keys, deleted ones included, or list items) of one map or list. The largest legitimate
 * map is `cards` of a merged board (MAX_CARDS_PER_BOARD, plus keys of deleted cards) and its
 * `mergeRecord`; an unused top-level name holding 400,000 keys is a flood.
 */
export const MAX_TYPE_ENTRIES = 60_000;
/**
 * Structs one document's store holds. A full 20,000-card board is about 300,000 (each card's
 * fields, moves and deletions); each costs a few hundred bytes of server memory.
 */
export const MAX_DOC_STRUCTS = 1_500_000;

/**
 * Sockets one participant token may hold open at once: a tablet, a phone and a few reloads
 * whose old sockets the heartbeat has not yet reaped. One token once opened 200 in 354 ms and
 * filled the board, so a real tablet was turned away.
 */
export const MAX_SOCKETS_PER_TOKEN = 12;
/**
 * Sockets from one network address. Tablets on the hall WiFi each have their own address; the
 * cap stops one machine from taking every board's connections, with room for a proxy in front.
 */
export const MAX_SOCKETS_PER_ADDRESS = 400;
/** Presence client ids one socket may introduce: a tab and its reloads, not 164,424 fakes. */
export const MAX_AWARENESS_IDS_PER_SOCKET = 4;
/** "Panggil fasilitator" calls one person may make per minute; more are acknowledged, not relayed. */
export const MAX_FACILITATOR_CALLS_PER_MINUTE = 3;
