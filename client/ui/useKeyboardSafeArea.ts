import { useEffect, useState } from 'react';

/**
 * The height of the visible viewport: when a tablet's on-screen keyboard opens, the visual
 * viewport shrinks, and sheets sized to it stay above the keyboard.
 */
export function useVisibleHeight(): number {
  const [height, setHeight] = useState(() => window.visualViewport?.height ?? window.innerHeight);
  useEffect(() => {
    const viewport = window.visualViewport;
    const update = () => setHeight(viewport?.height ?? window.innerHeight);
    viewport?.addEventListener('resize', update);
    window.addEventListener('resize', update);
    return () => {
      viewport?.removeEventListener('resize', update);
      window.removeEventListener('resize', update);
    };
  }, []);
  return height;
}
