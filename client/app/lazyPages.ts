import { lazy } from 'react';

/**
 * One chunk per page, loaded when its route opens: tldraw (almost all of the bytes) comes only
 * with the board, so the join page, console, issue map, merge and staff pages stay small on a
 * crowded hall WiFi. The importers are exported so the board's code can be fetched ahead of time.
 */
export const pageImports = {
  board: () => import('../board/BoardPage'),
  join: () => import('../join/JoinPage'),
  home: () => import('../home/HomePage'),
  console: () => import('../console/ConsolePage'),
  merge: () => import('../merge/MergePage'),
  issueMap: () => import('../issueMap/IssueMapPage'),
};

export const BoardPage = lazy(() => pageImports.board().then((m) => ({ default: m.BoardPage })));
export const JoinPage = lazy(() => pageImports.join().then((m) => ({ default: m.JoinPage })));
export const HomePage = lazy(() => pageImports.home().then((m) => ({ default: m.HomePage })));
export const ConsolePage = lazy(() =>
  pageImports.console().then((m) => ({ default: m.ConsolePage })),
);
export const MergePage = lazy(() => pageImports.merge().then((m) => ({ default: m.MergePage })));
export const IssueMapPage = lazy(() =>
  pageImports.issueMap().then((m) => ({ default: m.IssueMapPage })),
);
