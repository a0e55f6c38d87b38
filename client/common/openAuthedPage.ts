import { authHeaders } from '../config/accessToken';

/**
 * Opens an HTML page of our API (the QR sheet, the printable report) in a new tab without the
 * token in any address: the page is fetched with the Authorization header and shown from a
 * blob: URL. The tab is opened inside the tap (before the fetch), so popup blockers let it
 * through. Resolves false, closing the empty tab, when the server refused or the network failed.
 *
 * Both pages carry a Content-Security-Policy meta tag of their own, since a blob: document runs
 * with our origin: nothing in them may load or run.
 */
export async function openAuthedPage(path: string, token: string | null): Promise<boolean> {
  const tab = window.open('', '_blank');
  try {
    const response = await fetch(path, { headers: { Accept: 'text/html', ...authHeaders(token) } });
    if (!response.ok) throw new Error(String(response.status));
    const html = await response.text();
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    if (tab === null) {
      window.location.assign(url);
      return true;
    }
    // The new tab must not reach back into the console.
    tab.opener = null;
    tab.location.href = url;
    // The tab keeps its document after the URL is revoked; a reload there would lose it, so
    // keep the URL for a while (it lives only as long as this console tab anyway).
    setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
    return true;
  } catch {
    tab?.close();
    return false;
  }
}
