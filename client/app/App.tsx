import { BoardPage } from '../board/BoardPage';
import { ConsolePage } from '../console/ConsolePage';
import { HomePage } from '../home/HomePage';
import { IssueMapPage } from '../issueMap/IssueMapPage';
import { JoinPage } from '../join/JoinPage';
import { MergePage } from '../merge/MergePage';
import { useI18n } from '../i18n/I18nProvider';
import { parseRoute } from './route';

/** Picks the page for the current path. */
export function App() {
  const { messages } = useI18n();
  const route = parseRoute(window.location.pathname);
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
