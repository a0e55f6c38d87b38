import { isApiErrorCode, type ApiErrorCode as SharedApiErrorCode } from '../../shared/apiErrors';
import { authHeaders } from '../config/accessToken';

/** The error codes our API sends, plus what the network adds. */
export type ApiErrorCode = SharedApiErrorCode | 'network';

/** A failed API call, keyed by code so the UI can say it in the reader's language. */
export interface ApiFailure {
  status: number;
  code: ApiErrorCode;
  details: unknown;
  /** Seconds from the Retry-After header (throttled requests), else null. */
  retryAfterSeconds: number | null;
}

export type ApiResult = { ok: true; data: unknown } | { ok: false; error: ApiFailure };

function codeForStatus(status: number): ApiErrorCode {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload-too-large';
  if (status === 422) return 'invalid-gazetteer';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  return 'internal';
}

/** Reads the Retry-After header (seconds; an HTTP date counts from now). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Turns an error response (untrusted body) into an ApiFailure. */
export function parseApiFailure(
  status: number,
  body: unknown,
  retryAfter: string | null,
): ApiFailure {
  const error =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const details =
    typeof error === 'object' && error !== null
      ? (error as { details?: unknown }).details
      : undefined;
  return {
    status,
    code: isApiErrorCode(code) ? code : codeForStatus(status),
    details,
    retryAfterSeconds: parseRetryAfter(retryAfter),
  };
}

/** Calls our JSON API with the tab's token; never throws (a dropped network is code `network`). */
export async function apiRequest(
  path: string,
  init: { token: string | null; method?: string; body?: unknown } = { token: null },
): Promise<ApiResult> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...authHeaders(init.token),
  };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return {
      ok: false,
      error: { status: 0, code: 'network', details: undefined, retryAfterSeconds: null },
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, data: body };
  return {
    ok: false,
    error: parseApiFailure(response.status, body, response.headers.get('retry-after')),
  };
}
