import type { ApiErrorCode } from '../../shared/apiErrors';

export type { ApiErrorCode };

const STATUS: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'rate-limited': 429,
  'invalid-gazetteer': 422,
  internal: 500,
  unavailable: 503,
};

/** An error that becomes `{ error: { code, message, details? } }` with the code's status. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }

  /** The JSON body every API error answers with. */
  toBody(): { error: { code: ApiErrorCode; message: string; details?: unknown } } {
    const body: { error: { code: ApiErrorCode; message: string; details?: unknown } } = {
      error: { code: this.code, message: this.message },
    };
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}
