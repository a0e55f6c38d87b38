import { BoardPage } from '../board/BoardPage';
import { HomePage } from '../home/HomePage';
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
    case 'not-found':
      return (
        <main className="page-message">
          <p>{messages.boardNotFound}</p>
          <a href="/">{messages.backHome}</a>
        </main>
      );
  }
}
