import { Suspense } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/id';
import { BoardPage, ConsolePage, HomePage, IssueMapPage, JoinPage, MergePage } from './lazyPages';
import { parseRoute, type Route } from './route';

/** Shown while a page's code arrives (a first visit over the hall WiFi). */
function PageLoading() {
  const { messages } = useI18n();
  return (
    <main className="page-message" aria-busy="true" data-testid="page-loading">
      <p>{messages.loading}</p>
    </main>
  );
}

/** Picks the page for the current path; each page's code loads only when it is opened. */
export function App() {
  const { messages } = useI18n();
  const route = parseRoute(window.location.pathname);
  return <Suspense fallback={<PageLoading />}>{pageFor(route, messages)}</Suspense>;
}

function pageFor(route: Route, messages: Messages) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'board':
      return <BoardPage boardId={route.boardId} />;
    case 'join':
      return <JoinPage initialCode={route.code} />;
    case 'console':
      return <ConsolePage eventId={route.eventId} />;
    case 'merge':
      return <MergePage eventId={route.eventId} />;
    case 'issue-map':
      return <IssueMapPage eventId={route.eventId} />;
    case 'not-found':
      return (
        <main className="page-message">
          <p>{messages.boardNotFound}</p>
          <a href="/">{messages.backHome}</a>
        </main>
      );
  }
}
