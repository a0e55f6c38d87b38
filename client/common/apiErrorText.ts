import type { Messages } from '../i18n/id';
import type { ApiFailure } from './apiRequest';

/** The message a person reads for a failed API call, in the UI's language. */
export function apiErrorText(messages: Messages, error: ApiFailure): string {
  switch (error.code) {
    case 'bad-request':
      return messages.errBadRequest;
    case 'unauthorized':
      return messages.errUnauthorized;
    case 'forbidden':
      return messages.errForbidden;
    case 'not-found':
      return messages.errNotFound;
    case 'conflict':
      return messages.errConflict;
    case 'payload-too-large':
      return messages.errTooLarge;
    case 'rate-limited':
      return messages.errRateLimited(error.retryAfterSeconds ?? 60);
    case 'invalid-gazetteer':
      return messages.errInvalidGazetteer;
    case 'internal':
      return messages.errInternal;
    case 'unavailable':
      return messages.errUnavailable;
    case 'network':
      return messages.errNetwork;
  }
}
