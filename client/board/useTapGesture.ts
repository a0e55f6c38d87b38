import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';

/** A finger that moves further than this (CSS px) is dragging or pinching, not tapping. */
const TAP_SLOP_PX = 10;
/** How long a press lasts before it is a long press. */
const LONG_PRESS_MS = 550;

/**
 * Tap and long press on an element inside the canvas, decided when the finger lifts: a press
 * that moves (a card drag) or that another finger joins (a pinch) is neither, and the pointer
 * events still reach tldraw, so the drag or the pinch goes on as if the button were not there.
 * Listens on the window: tldraw captures the pointer once a drag starts.
 */
export function useTapGesture(handlers: { onTap(): void; onLongPress?(): void }) {
  const latest = useRef(handlers);
  latest.current = handlers;
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  return (down: ReactPointerEvent) => {
    cleanup.current?.();
    if (down.button !== 0 || !down.isPrimary) return;
    const start = { x: down.clientX, y: down.clientY, id: down.pointerId, at: performance.now() };
    let done = false;
    const end = () => {
      done = true;
      clearTimeout(timer);
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', end, true);
      window.removeEventListener('pointerdown', onOtherDown, true);
      cleanup.current = null;
    };
    const timer = setTimeout(() => {
      if (done || !latest.current.onLongPress) return;
      latest.current.onLongPress();
      end();
    }, LONG_PRESS_MS);
    const onMove = (e: PointerEvent) => {
      if (e.pointerId !== start.id) return;
      if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > TAP_SLOP_PX) end();
    };
    const onOtherDown = (e: PointerEvent) => {
      if (e.pointerId !== start.id) end();
    };
    const onUp = (e: PointerEvent) => {
      if (e.pointerId !== start.id) return;
      const moved = Math.hypot(e.clientX - start.x, e.clientY - start.y) > TAP_SLOP_PX;
      // A busy tablet may run the timer after the lift: the length of the press decides.
      const long = performance.now() - start.at >= LONG_PRESS_MS;
      end();
      if (moved) return;
      if (!long) latest.current.onTap();
      else latest.current.onLongPress?.();
    };
    window.addEventListener('pointermove', onMove, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', end, true);
    window.addEventListener('pointerdown', onOtherDown, true);
    cleanup.current = end;
  };
}
