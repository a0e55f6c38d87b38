import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation, cut down to what a report needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules, plus best practices) in the page and returns the
 * violations. The script goes in through the DevTools protocol (`evaluate`), so a page's own
 * Content-Security-Policy (the QR sheet, the report) cannot block it.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(...a: unknown[]): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 8).map((n) => n.target.join(' ')),
    }));
  });
}

/** The serious and critical ones: what must not ship. */
export function serious(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A control smaller than the minimum: what it is and its size in CSS px. */
export interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

/**
 * Every visible control (buttons, links, inputs, selects, summaries) smaller than `min` x `min`
 * CSS px. A checkbox, radio or file input is measured by its label, which is what a finger taps; a link
 * inside running text is exempt, as in WCAG 2.5.5.
 */
export function smallTapTargets(page: Page, min: number): Promise<SmallTarget[]> {
  return page.evaluate((minimum) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, textarea, summary, [role="button"]',
    );
    const small: { what: string; width: number; height: number }[] = [];
    for (const el of controls) {
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('dialog:not([open])')) continue;
      if (el.tagName === 'A' && el.closest('p, li small, td') && !el.classList.contains('btn'))
        continue;
      const isCheck =
        el instanceof HTMLInputElement &&
        (el.type === 'checkbox' || el.type === 'radio' || el.type === 'file');
      const target = isCheck ? (el.closest('label') ?? el) : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width + 0.5 < minimum || box.height + 0.5 < minimum) {
        const label =
          target.getAttribute('data-testid') ??
          target.getAttribute('aria-label') ??
          (target.textContent ?? '').trim().slice(0, 40);
        small.push({
          what: `${target.tagName.toLowerCase()} "${label}"`,
          width: Math.round(box.width),
          height: Math.round(box.height),
        });
      }
    }
    return small;
  }, min);
}
