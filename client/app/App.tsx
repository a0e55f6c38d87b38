import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/id';
import { pageImports } from './lazyPages';
import { WithModule } from './WithModule';
import { parseRoute, type Route } from './route';

/** Picks the page for the current path; each page's code loads only when it is opened. */
export function App() {
  const { messages } = useI18n();
  const route = parseRoute(window.location.pathname);
  return pageFor(route, messages);
}

function pageFor(route: Route, messages: Messages) {
  switch (route.page) {
    case 'home':
      return <WithModule load={pageImports.home}>{(m) => <m.HomePage />}</WithModule>;
    case 'board':
      return (
        <WithModule load={pageImports.board}>
          {(m) => <m.BoardPage boardId={route.boardId} />}
        </WithModule>
      );
    case 'join':
      return (
        <WithModule load={pageImports.join}>
          {(m) => <m.JoinPage initialCode={route.code} />}
        </WithModule>
      );
    case 'console':
      return (
        <WithModule load={pageImports.console}>
          {(m) => <m.ConsolePage eventId={route.eventId} />}
        </WithModule>
      );
    case 'merge':
      return (
        <WithModule load={pageImports.merge}>
          {(m) => <m.MergePage eventId={route.eventId} />}
        </WithModule>
      );
    case 'issue-map':
      return (
        <WithModule load={pageImports.issueMap}>
          {(m) => <m.IssueMapPage eventId={route.eventId} />}
        </WithModule>
      );
    case 'not-found':
      return (
        <main className="page-message">
          <p>{messages.boardNotFound}</p>
          <a href="/">{messages.backHome}</a>
        </main>
      );
  }
}
