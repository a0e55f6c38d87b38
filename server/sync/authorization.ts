import type { IncomingMessage } from 'node:http';

/** The verdict of `authorize` on one websocket upgrade. */
export type AuthorizeResult =
  | { ok: true; readOnly: boolean; role: string; subject: string }
  | { ok: false; status: number; message: string };

/**
 * Decides whether the request (its `token` query parameter, cookies...) may open `boardId`.
 * Called before the upgrade, after the board id was checked; the roles issue provides the real one.
 */
export type Authorize = (request: IncomingMessage, boardId: string) => Promise<AuthorizeResult>;

/** Lets everyone edit every board: the default until tokens exist. */
export const allowAll: Authorize = async () => ({
  ok: true,
  readOnly: false,
  role: 'participant',
  subject: 'anonymous',
});
