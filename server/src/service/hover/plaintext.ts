// Hovers as plain text, for clients that render no markdown (Emacs eglot asks for plaintext): tables
// become aligned columns, emphasis and code marks go, links show their address.

/** The hover markdown this service writes, as readable plain text. */
export function markdownToPlainText(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (isTableRow(lines[i])) {
      const rows: string[][] = [];
      for (; i < lines.length && isTableRow(lines[i]); i++) {
        if (!/^\s*\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i])) rows.push(cells(lines[i]).map(inline));
      }
      out.push(...alignedTable(rows));
    } else {
      out.push(lines[i].trim() === '---' ? '────────' : inline(lines[i]));
      i++;
    }
  }
  return out.join('\n');
}

function isTableRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

/** The cells of `| a | b \| c |`: escaped bars stay in their cell. */
function cells(row: string): string[] {
  const inner = row.trim().slice(1, -1);
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function alignedTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, c) => { widths[c] = Math.max(widths[c] ?? 0, [...cell].length); });
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length))).join('  ').trimEnd());
}

/** Inline markdown: links as `text (address)`, no `**`, no backticks. */
function inline(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1');
}
