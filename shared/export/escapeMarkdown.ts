/**
 * Makes untrusted text inert in one Markdown line or table cell: line breaks become spaces,
 * inline syntax and pipes are backslash-escaped, and HTML is written as entities, because most
 * Markdown renderers pass raw HTML (a `<script>` in a card) straight through.
 */
export function escapeMarkdown(text: string): string {
  const inline = text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  // At the start of a line, "#", "+", "-", "=" or "1. " would open a heading, list or rule.
  return inline.replace(/^(\s*)([#+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}
