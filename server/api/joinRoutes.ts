import { z } from 'zod';
import { MAX_NAME_LENGTH } from '../../shared/limits';
import type { AppContext } from './AppContext';
import { principalOf } from './access';
import { ApiError } from './ApiError';
import { clientAddress, jsonBody } from './apiRequest';
import type { ApiRoute } from './ApiRoute';

const JoinBody = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  desaKode: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/)
    .nullable()
    .optional(),
});

/** Joining a board by its short code, and asking who a token belongs to. */
export function joinRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'POST',
      url: '/api/join',
      async handler(request, reply) {
        const address = clientAddress(request);
        const parsed = JoinBody.safeParse(jsonBody(request));
        // Counted as a wrong guess from the start (taken back below when it is not one), so
        // parallel guesses cannot all pass the check before any of them is counted.
        const wait = await ctx.joinThrottle.attempt(address);
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          throw new ApiError(
            'rate-limited',
            `Terlalu banyak kode salah; coba lagi dalam ${seconds} detik`,
            undefined,
            {
              'retry-after': String(seconds),
            },
          );
        }
        if (!parsed.success) {
          await ctx.joinThrottle.forgive(address);
          throw new ApiError('bad-request', 'Isi kode dan nama', parsed.error.issues);
        }
        const board = await ctx.events.getBoardByJoinCode(parsed.data.code);
        // Merged kabupaten boards are for moderators; participants join kecamatan boards.
        if (!board || board.kind !== 'kecamatan') {
          throw new ApiError('not-found', 'Kode papan tidak dikenal');
        }
        await ctx.joinThrottle.forgive(address);
        const { token, expiresAt } = await ctx.tokens.issue({
          role: 'participant',
          name: parsed.data.name,
          eventId: board.eventId,
          boardId: board.id,
          desaKode: parsed.data.desaKode ?? null,
        });
        return reply.code(200).send({
          token,
          expiresAt,
          boardId: board.id,
          eventId: board.eventId,
          name: parsed.data.name,
        });
      },
    },
    {
      method: 'GET',
      url: '/api/me',
      async handler(request, reply) {
        const principal = await principalOf(ctx, request);
        if (!principal)
          throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
        return reply.code(200).send({
          role: principal.role,
          name: principal.name,
          eventId: principal.eventId,
          boardId: principal.boardId,
        });
      },
    },
  ];
}
