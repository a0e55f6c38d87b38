import { useI18n } from '../i18n/I18nProvider';
import { apiErrorText } from './apiErrorText';
import type { ApiFailure } from './apiRequest';

/** A whole page that could not load: the reason in the reader's language and a way back. */
export function PageError({ error }: { error: ApiFailure }) {
  const { messages } = useI18n();
  return (
    <main className="page-message" data-testid="page-error" data-code={error.code}>
      <p>{apiErrorText(messages, error)}</p>
      <a href="/">{messages.backHome}</a>
    </main>
  );
}
