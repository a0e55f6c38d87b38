import { authHeaders } from '../config/accessToken';

/**
 * Fetches a file with the token in the header (never in the address) and saves it under
 * `filename` through a temporary object URL. Resolves false when the server refused.
 */
export async function authedDownload(
  path: string,
  token: string | null,
  filename: string,
): Promise<boolean> {
  const response = await fetch(path, { headers: authHeaders(token) });
  if (!response.ok) return false;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoke a little later for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
