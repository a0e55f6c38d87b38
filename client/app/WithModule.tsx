import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useModule } from './pageModule';

/** Shown while a page's code arrives (a first visit over the hall WiFi). */
function PageLoading({ text }: { text?: string }) {
  const { messages } = useI18n();
  return (
    <main className="page-message" aria-busy="true" data-testid="page-loading">
      <p>{text ?? messages.loading}</p>
    </main>
  );
}

/** The page's code could not be fetched (server unreachable and nothing cached). */
function PageFailed() {
  const { messages } = useI18n();
  return (
    <main className="page-message" role="alert" data-testid="page-failed">
      <p>{messages.openFailed}</p>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        {messages.reloadPage}
      </button>
    </main>
  );
}

/**
 * Renders `children` with a chunk of code once it has arrived: a loading line until then, a way
 * to try again if it cannot be fetched.
 */
export function WithModule<M>(props: {
  load: () => Promise<M>;
  loadingText?: string;
  children: (module: M) => ReactNode;
}) {
  const loaded = useModule(props.load);
  if (loaded.state === 'ready') return props.children(loaded.module);
  if (loaded.state === 'failed') return <PageFailed />;
  return <PageLoading text={props.loadingText} />;
}
