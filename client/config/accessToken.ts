const TOKEN_KEY = 'papan.token';
const TOKEN_PATTERN = /^[A-Za-z0-9_.~-]{1,512}$/;

/**
 * The access token of this tab: taken from `?token=` once (then removed from the address bar so
 * it does not end up in history or screenshots) and kept in sessionStorage.
 */
export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (TOKEN_PATTERN.test(fromUrl)) {
      try {
        window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
      } catch {
        return fromUrl;
      }
      return fromUrl;
    }
  }
  try {
    const stored = window.sessionStorage.getItem(TOKEN_KEY);
    return stored !== null && TOKEN_PATTERN.test(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Headers for our API with the tab's token. */
export function authHeaders(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
