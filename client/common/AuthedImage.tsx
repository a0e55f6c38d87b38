import { useEffect, useState } from 'react';
import { authHeaders } from '../config/accessToken';

/**
 * An image our API serves only with a token (thumbnails, QR codes): fetched with the header and
 * shown through an object URL. `version` changes ask for a fresh copy.
 */
export function AuthedImage(props: {
  src: string;
  token: string | null;
  alt: string;
  version?: string | number;
  className?: string;
  testId?: string;
}) {
  const { src, token, version } = props;
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let created: string | null = null;
    fetch(src, { headers: authHeaders(token) })
      .then(async (r) => (r.ok ? r.blob() : null))
      .then((blob) => {
        if (!live || blob === null) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      })
      .catch(() => {
        // Keep the previous picture when the network drops.
      });
    return () => {
      live = false;
      if (created !== null) {
        const old = created;
        // Let the next picture load before the old one disappears.
        setTimeout(() => URL.revokeObjectURL(old), 5_000);
      }
    };
  }, [src, token, version]);

  if (url === null) return <div className={`${props.className ?? ''} img-placeholder`} />;
  return (
    <img
      src={url}
      alt={props.alt}
      className={props.className}
      data-testid={props.testId}
      draggable={false}
    />
  );
}
