import type { Board } from './types';
import type { Taxonomy } from '../taxonomy';

const COLORS: Record<string, string> = {
  green: '#2f9e44',
  blue: '#1c7ed6',
  orange: '#f76707',
  violet: '#7048e8',
  red: '#e03131',
  yellow: '#f59f00',
  'light-blue': '#4dabf7',
  grey: '#868e96',
};

const CARD_W = 240;
const CARD_H = 150;

/** A small SVG picture of a board (cluster frames and cards coloured by bidang), for the console. */
export function boardThumbnailSvg(
  board: Board,
  taxonomy: Taxonomy,
  size = { w: 320, h: 200 },
): string {
  const boxes = [
    ...board.clusters.map((k) => ({ x: k.x, y: k.y, w: k.w, h: k.h })),
    ...board.cards.map((c) => ({ x: c.x, y: c.y, w: CARD_W, h: CARD_H })),
  ];
  const minX = Math.min(0, ...boxes.map((b) => b.x));
  const minY = Math.min(0, ...boxes.map((b) => b.y));
  const maxX = Math.max(1000, ...boxes.map((b) => b.x + b.w));
  const maxY = Math.max(600, ...boxes.map((b) => b.y + b.h));
  const color = new Map(taxonomy.map((b) => [b.id, COLORS[b.color] ?? '#868e96']));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.w}" height="${size.h}" viewBox="${minX} ${minY} ${maxX - minX} ${maxY - minY}" preserveAspectRatio="xMidYMid meet">`,
    `<rect x="${minX}" y="${minY}" width="${maxX - minX}" height="${maxY - minY}" fill="#f8f9fa"/>`,
  ];
  for (const k of board.clusters) {
    parts.push(
      `<rect x="${k.x}" y="${k.y}" width="${k.w}" height="${k.h}" fill="#fff" stroke="#495057" stroke-width="8" rx="16"/>`,
    );
  }
  for (const c of board.cards) {
    const fill = (c.bidang !== null && color.get(c.bidang)) || '#adb5bd';
    parts.push(
      `<rect x="${c.x}" y="${c.y}" width="${CARD_W}" height="${CARD_H}" fill="${fill}" rx="12"/>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
