/**
 * Topic words of local development planning (the usual isu strategis of an RKPD), so cards
 * about one sector meet even when they share no word: "getah murah" and "harga TBS anjlok" both
 * carry the topic `perkebunan`. Written from the sector vocabulary of Musrenbang and RPJMD
 * documents, not from any sample sentence; words are stemmed when the table is built. A word
 * may belong to several topics; a word that names no sector (harga, rusak, jauh) belongs to none.
 */
const TOPICS: Record<string, string> = {
  jalan:
    'jalan jalan_tani aspal jembatan titian gorong drainase poros setapak lubang berlubang becek ' +
    'licin cor beton kerikil sirtu tembus akses jalur tikungan',
  air:
    'air_bersih sumur pipa tandon galon keruh hidran sumber mata_air tampung bor ledeng kran ' +
    'kemarau kering minum',
  bencana:
    'banjir longsor kebakaran terbakar bakar asap evakuasi siaga bencana luap luapan bandang erosi ' +
    'tebing normalisasi dangkal pendangkalan keruk tanggul puting beliung peringatan_dini rendam ' +
    'genang surut hanyut karhutla',
  perkebunan:
    'karet sawit getah bokar sadap penyadap tengkulak kebun peremajaan kelapa pabrik uppb tatal ' +
    'lateks plasma kemitraan sertifikat',
  pertanian:
    'padi sawah pupuk subsidi irigasi hama tikus tanam panen gabah benih traktor alsintan ' +
    'penyuluh tani petani gapoktan rdkk bendung tadah ladang jagung sayur',
  kerja:
    'kerja pekerja lapangan_kerja anggur menganggur pengangguran lulusan tamatan magang ' +
    'terampil pelatihan merantau rantau karang_taruna muda pemuda lamar bengkel',
  sinyal: 'sinyal tower internet operator seluler telepon telpon online daring kuota provider',
  listrik:
    'listrik pln genset padam tegangan tiang kabel lampu lampu_jalan surya solar meteran token ' +
    'trafo gardu volt',
  gizi:
    'stunting gizi gizi_kurang balita posyandu kader makanan_tambahan hamil anemia nikah asi ' +
    'imunisasi timbang bayi asuh',
  kesehatan:
    'puskesmas pustu poskesdes bidan dokter perawat obat ambulans rujuk pasien bpjs berobat ' +
    'sakit rumah_sakit klinik periksa penyakit',
  pendidikan:
    'sekolah guru murid siswa kelas paud perpustakaan buku seragam putus_sekolah ajar mengajar ' +
    'beasiswa sekolah_dasar sekolah_menengah literasi baca',
  kemiskinan:
    'miskin kemiskinan bansos dtks pkh bpnt lansia disabilitas rumah_layak salah_sasaran ' +
    'penerima terdata mampu sembako jompo yatim',
  sanitasi: 'sampah jamban limbah sanitasi selokan septik kakus buang tps',
  usaha:
    'usaha_kecil pasar produk kerajinan koperasi bumdes dagang jualan warung pemasaran ' +
    'olahan kemasan',
  wisata: 'wisata pariwisata budaya adat seni tradisi cagar sanggar',
  pemerintahan:
    'administrasi pelayanan aparatur perangkat kantor_desa dana_desa akta kartu penduduk ' +
    'sistem informasi musyawarah',
  keamanan: 'narkoba curi pencurian kriminal keamanan judi miras konflik ronda',
  lingkungan: 'tambang batubara cemar pencemaran debu hutan gundul reboisasi',
  ternak: 'sapi kambing ayam ternak ikan kolam keramba nelayan pakan',
};

/** Topic names, for tests and for the bench. */
export const TOPIC_NAMES: readonly string[] = Object.keys(TOPICS);

/** Each topic's words, unstemmed; topicsOf() in analyzeText stems them once. */
export function topicWordLists(): readonly (readonly [string, readonly string[]])[] {
  return Object.entries(TOPICS).map(([topic, words]) => [topic, words.split(/\s+/)] as const);
}
