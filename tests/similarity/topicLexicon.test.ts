import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/similarity/analyzeText';
import { TOPIC_NAMES, topicSource, topicSubject } from '../../shared/similarity/topicLexicon';
import { textSimilarity } from '../../shared/similarity/textSimilarity';

describe('topic lexicon from the Kepmendagri 050-5889/2021 nomenclature', () => {
  it('cites a bidang urusan code and a program for every topic, and names its subject', () => {
    for (const topic of TOPIC_NAMES) {
      const source = topicSource(topic);
      expect(source?.urusan, topic).toMatch(/^\d\.\d\d [A-Z]/);
      expect(source?.program, topic).toMatch(/^Program /);
      expect(topicSubject(topic)?.length, topic).toBeGreaterThan(3);
    }
    expect(topicSource('__proto__')).toBeUndefined();
  });

  it('gives the sectors the sample never had a home', () => {
    const cases: [string, string][] = [
      ['Kolam bekas galian batubara tidak direklamasi', 'tambang'],
      ['Unit usaha BUMDes macet, laporan keuangan tidak ada', 'usaha'],
      ['Perangkat desa jarang ada di kantor desa', 'desa'],
      ['Tidak ada TPS, warga buang sampah ke parit', 'sampah'],
      ['Kuota PTSL habis, tanah warga belum bersertifikat', 'pertanahan'],
      ['Nelayan rawa mengeluh ikan haruan berkurang', 'perikanan'],
      ['Air terjun bagus tapi belum ada pokdarwis', 'wisata'],
      ['Pemuda mulai kena sabu, perlu penyuluhan P4GN', 'keamanan'],
    ];
    for (const [text, topic] of cases) expect(analyzeText(text).topics, text).toContain(topic);
  });

  it('reads lexicon phrases as phrases, not as their words', () => {
    expect(analyzeText('bank sampah tidak jalan').topics).toContain('sampah');
    expect(analyzeText('surat pengantar lama').topics).toContain('desa');
    // "antar" alone (jalan antar desa) is not the desa office's paperwork.
    expect(analyzeText('jalan antar desa belum diaspal').topics).toEqual(['jalan']);
    // A rubber boat in a flood is not a rubber plantation.
    expect(analyzeText('tidak ada perahu karet waktu banjir').topics).toEqual(['bencana']);
  });

  it('brings cards of an unseen sector closer than cards of another sector', () => {
    const same = textSimilarity('debu batubara masuk rumah', 'lubang bekas tambang dibiarkan');
    const other = textSimilarity('debu batubara masuk rumah', 'harga pupuk mahal');
    expect(same).toBeGreaterThan(other);
  });
});
