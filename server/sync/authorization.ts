import type { IncomingMessage } from 'node:http';

/** The verdict of `authorize` on one websocket upgrade. */
export type AuthorizeResult =
  | {
      ok: true;
      readOnly: boolean;
      role: string;
      subject: string;
      /** The only voter id this connection may vote as (see voteGuard); none: it may not vote. */
      voterId?: string | null;
      /** Re-checked on every heartbeat; false (token revoked or expired) closes the socket with 4401. */
      stillValid?: () => boolean | Promise<boolean>;
    }
  | { ok: false; status: number; message: string };

/**
 * Decides whether the request (its `token` query parameter, cookies...) may open `boardId`.
 * Called before the upgrade, after the board id was checked; the roles issue provides the real one.
 */
export type Authorize = (request: IncomingMessage, boardId: string) => Promise<AuthorizeResult>;

/** Lets everyone edit every board: for tests and a bare `startServer`; `startPapan` checks tokens. */
export const allowAll: Authorize = async () => ({
  ok: true,
  readOnly: false,
  role: 'participant',
  subject: 'anonymous',
});
