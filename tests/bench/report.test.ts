import { describe, expect, it } from 'vitest';
import { renderMarkdown, type BenchReport } from '../../bench/lib/report';

function report(values: Record<string, number>): BenchReport {
  return {
    quick: true,
    machine: { date: 'd', cpuModel: 'c', cores: 2, ramGiB: 4, node: 'v20', os: 'linux' },
    versions: {},
    servers: ['ours', 'reference', 'hocuspocus'],
    skipped: [],
    targets: [],
    scenarios: [
      {
        scenario: 's',
        title: 'S',
        figures: [{ name: 'rate', unit: 'updates/s', better: 'higher', values }],
        notes: [],
      },
    ],
    durationSeconds: 1,
  };
}

describe('bench report', () => {
  it('divides ours by the reference where the reference ran', () => {
    const md = renderMarkdown(report({ ours: 30, reference: 10, hocuspocus: 20 }));
    expect(md).toContain('| ours/reference |');
    expect(md).toContain('| 30 | 10 | 20 | 3.00 |');
  });

  it('divides ours by Hocuspocus in scenarios only it and ours ran (scaled mode)', () => {
    const md = renderMarkdown(report({ ours: 30, hocuspocus: 20 }));
    expect(md).toContain('| ours/hocuspocus |');
    expect(md).toContain('| 30 | n/a | 20 | 1.50 |');
  });
});
