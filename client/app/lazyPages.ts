/**
 * One chunk per page, loaded when its route opens: tldraw (almost all of the bytes) comes only
 * with the board, so the join page, console, issue map, merge and staff pages stay small on a
 * crowded hall WiFi. Loaded with `useModule` (app/pageModule.ts), not `React.lazy`.
 */
export const pageImports = {
  board: () => import('../board/BoardPage'),
  join: () => import('../join/JoinPage'),
  home: () => import('../home/HomePage'),
  console: () => import('../console/ConsolePage'),
  merge: () => import('../merge/MergePage'),
  issueMap: () => import('../issueMap/IssueMapPage'),
};
