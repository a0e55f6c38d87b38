/**
 * Topic lexicon: the sectors a Rembuk card can belong to, so that cards of one sector meet even
 * when they share no word ("getah murah" and "harga TBS anjlok" both carry `perkebunan`).
 *
 * Source: the nomenclature of regional government affairs, Keputusan Menteri Dalam Negeri
 * Nomor 050-5889 Tahun 2021 (Hasil Verifikasi, Validasi dan Inventarisasi Pemutakhiran
 * Klasifikasi, Kodefikasi dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah), which
 * updates the lists of Permendagri 90/2019 and is what SIPD uses: every topic below is one
 * program (or a small set of programs) of one urusan, cited by its code and name. The
 * words are the nouns of those program and kegiatan names, plus the everyday words that name
 * the same things on a sticky note (written from the sector vocabulary, not from any card).
 * Words are stemmed when the table is built; a word may belong to several topics; a word that
 * names no sector (harga, rusak, jauh, susah) belongs to none.
 */
interface TopicEntry {
  /** What an issue of this sector is about, as the object of a title ("akses air bersih"). */
  subject: string;
  /** Bidang urusan code and name in Kepmendagri 050-5889/2021. */
  urusan: string;
  /** The program(s) of that urusan the topic stands for. */
  program: string;
  words: string;
}

const TOPICS: Record<string, TopicEntry> = {
  jalan: {
    subject: 'infrastruktur jalan dan jembatan',
    urusan: '1.03 Pekerjaan Umum dan Penataan Ruang',
    program: 'Program Penyelenggaraan Jalan',
    words:
      'jalan jalan_tani aspal jembatan titian gorong drainase poros setapak lubang berlubang ' +
      'becek licin cor beton semenisasi kerikil sirtu tembus akses jalur tikungan bahu gantung ' +
      'lintas penghubung pengerasan hotmix paving',
  },
  air: {
    subject: 'akses air bersih',
    urusan: '1.03 Pekerjaan Umum dan Penataan Ruang',
    program: 'Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum',
    words:
      'air_bersih sumur pipa perpipaan tandon galon keruh hidran mata_air tampung penampung bor ' +
      'ledeng kran keran kemarau kering minum spam sambungan payau pompa debit reservoir',
  },
  bencana: {
    subject: 'kesiapsiagaan bencana',
    urusan: '1.05 Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat',
    program:
      'Program Penanggulangan Bencana; Program Pencegahan, Penanggulangan, Penyelamatan ' +
      'Kebakaran (with 1.03 Program Pengelolaan Sumber Daya Air: pengendalian banjir)',
    words:
      'banjir longsor kebakaran terbakar bakar asap evakuasi siaga bencana luap luapan bandang ' +
      'tebing normalisasi dangkal pendangkalan keruk tanggul puting beliung peringatan_dini ' +
      'rendam genang perahu_karet surut hanyut karhutla gambut pemadam sirine posko tanggap sedimen gugur',
  },
  perkebunan: {
    subject: 'hasil perkebunan rakyat',
    urusan: '3.27 Pertanian',
    program: 'Program Penyediaan dan Pengembangan Sarana Pertanian (sub urusan perkebunan)',
    words:
      'karet sawit getah bokar sadap penyadap tengkulak kebun replanting kelapa ' +
      'pabrik uppb tatal lateks plasma kemitraan perkebunan lelang jamur',
  },
  pertanian: {
    subject: 'hasil pertanian pangan',
    urusan: '3.27 Pertanian',
    program:
      'Program Penyediaan dan Pengembangan Sarana Pertanian; Program Penyediaan dan ' +
      'Pengembangan Prasarana Pertanian; Program Pengendalian dan Penanggulangan Bencana ' +
      'Pertanian; Program Penyuluhan Pertanian',
    words:
      'padi sawah pupuk subsidi irigasi hama tikus wereng tanam panen gabah benih traktor ' +
      'alsintan penyuluh tani petani gapoktan rdkk bendung tadah ladang jagung sayur urea ' +
      'kios jerami organik pangan hortikultura combine harvester',
  },
  kerja: {
    subject: 'lapangan kerja pemuda',
    urusan: '2.07 Tenaga Kerja; 2.19 Kepemudaan dan Olahraga',
    program:
      'Program Pelatihan Kerja dan Produktivitas Tenaga Kerja; Program Penempatan Tenaga Kerja; ' +
      'Program Pengembangan Kapasitas Daya Saing Kepemudaan',
    words:
      'kerja pekerja lapangan_kerja anggur menganggur pengangguran lulusan tamatan magang ' +
      'terampil keterampilan pelatihan merantau rantau karang_taruna muda pemuda lamar ' +
      'lowongan blk tenaga_kerja kompetensi sertifikasi gawi',
  },
  sinyal: {
    subject: 'sinyal dan internet',
    urusan: '2.16 Komunikasi dan Informatika',
    program: 'Program Pengelolaan Aplikasi Informatika; Program Pengelolaan Informasi Publik',
    words:
      'sinyal tower internet operator seluler telepon telpon online daring provider ' +
      ' koneksi wifi bts',
  },
  listrik: {
    subject: 'layanan listrik',
    urusan: '3.29 Energi dan Sumber Daya Mineral',
    program: 'Program Pengelolaan Ketenagalistrikan; Program Pengelolaan Energi Terbarukan',
    words:
      'listrik pln genset padam tegangan tiang kabel lampu lampu_jalan surya solar meteran ' +
      'token trafo gardu volt plts pelita elektronik',
  },
  tambang: {
    subject: 'pengendalian dampak tambang',
    urusan: '3.29 Energi dan Sumber Daya Mineral; 2.11 Lingkungan Hidup',
    program:
      'Program Pengelolaan Aspek Kegeologian; Program Pengendalian Pencemaran dan/atau ' +
      'Kerusakan Lingkungan Hidup',
    words:
      'tambang pertambangan batubara hauling galian_c bahan_galian reklamasi merkuri peti csr ' +
      'tambang_emas ledak peledakan pasir cemar pencemaran limbah debu',
    // Not "galian" alone: a "sumur gali" is a dug well (air), not a mine.
  },
  gizi: {
    subject: 'gizi ibu dan anak',
    urusan: '1.02 Kesehatan; 2.14 Pengendalian Penduduk dan Keluarga Berencana',
    program:
      'Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat (gizi); ' +
      'Program Pembinaan Keluarga Berencana (percepatan penurunan stunting)',
    words:
      'stunting gizi gizi_kurang balita posyandu kader makanan_tambahan hamil anemia nikah ' +
      'asi imunisasi timbang bayi asuh menyusui pendek cacingan tambah_darah susu telur ' +
      'kehamilan hamil_muda tpk',
  },
  kesehatan: {
    subject: 'pelayanan kesehatan dasar',
    urusan: '1.02 Kesehatan',
    program:
      'Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat; Program ' +
      'Peningkatan Kapasitas Sumber Daya Manusia Kesehatan; Program Sediaan Farmasi',
    words:
      'puskesmas pustu poskesdes bidan dokter perawat obat ambulans rujuk rujukan pasien bpjs ' +
      'berobat sakit rumah_sakit klinik periksa penyakit tenaga_kesehatan nakes tbc dbd ' +
      'fogging gigi tensi',
  },
  pendidikan: {
    subject: 'akses dan mutu pendidikan',
    urusan: '1.01 Pendidikan; 2.23 Perpustakaan',
    program:
      'Program Pengelolaan Pendidikan; Program Pendidik dan Tenaga Kependidikan; Program ' +
      'Pembinaan Perpustakaan',
    words:
      'sekolah guru murid siswa kelas paud perpustakaan buku seragam putus_sekolah ajar ' +
      'mengajar beasiswa sekolah_dasar sekolah_menengah literasi baca membaca honorer ' +
      'pelajar ujian bangku sarjana didik pendidikan',
  },
  sosial: {
    subject: 'perlindungan sosial',
    urusan: '1.06 Sosial; 1.04 Perumahan Rakyat dan Kawasan Permukiman',
    program:
      'Program Perlindungan dan Jaminan Sosial; Program Rehabilitasi Sosial; Program ' +
      'Pengelolaan Data Fakir Miskin; Program Pengembangan Perumahan (RTLH)',
    words:
      'miskin kemiskinan bansos dtks pkh bpnt lansia disabilitas rumah_layak salah_sasaran ' +
      'penerima terdata mampu sembako jompo yatim piatu terlantar janda reyot fakir kis',
  },
  sampah: {
    subject: 'pengelolaan sampah',
    urusan: '2.11 Lingkungan Hidup; 1.03 Pekerjaan Umum dan Penataan Ruang',
    program:
      'Program Pengelolaan Persampahan; Program Pengelolaan dan Pengembangan Sistem Air ' +
      'Limbah; Program Pengelolaan dan Pengembangan Sistem Drainase',
    words:
      'sampah jamban limbah sanitasi selokan septik septic_tank kakus tps tpa bab ' +
      'buang_air_besar ipal parit bank_sampah plastik popok lalat gerobak',
  },
  usaha: {
    subject: 'usaha desa dan UMKM',
    urusan:
      '2.17 Koperasi, Usaha Kecil, dan Menengah; 3.30 Perdagangan; 2.13 Pemberdayaan ' +
      'Masyarakat dan Desa',
    program:
      'Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro; Program ' +
      'Pengawasan dan Pemeriksaan Koperasi; Program Peningkatan Sarana Distribusi ' +
      'Perdagangan; Program Peningkatan Kerja Sama Desa (BUMDes)',
    words:
      'usaha_kecil umkm pasar produk kerajinan perajin koperasi bumdes dagang pedagang jualan ' +
      'warung pemasaran olahan kemasan pirt halal label pinjaman kredit simpan galeri ' +
      'produk_unggulan los amplang kerupuk anyaman',
  },
  desa: {
    subject: 'pelayanan pemerintahan desa',
    urusan: '2.13 Pemberdayaan Masyarakat dan Desa; 2.12 Administrasi Kependudukan',
    program:
      'Program Administrasi Pemerintahan Desa; Program Penataan Desa; Program Pemberdayaan ' +
      'Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat; Program Pendaftaran ' +
      'Penduduk',
    words:
      'administrasi pelayanan aparatur aparat perangkat kantor_desa dana_desa akta kartu ' +
      'penduduk musyawarah musdes apbdes siskeudes bpd kepala_desa perangkat_desa transparan transparansi ' +
      'laporan papan_informasi surat surat_pengantar arsip website ngantor siltap ktp adminduk',
  },
  pertanahan: {
    subject: 'kepastian hak atas tanah',
    urusan: '2.10 Pertanahan; 2.13 Pemberdayaan Masyarakat dan Desa',
    program:
      'Program Penyelesaian Sengketa Tanah Garapan; Program Redistribusi Tanah; Program ' +
      'Pengelolaan Sistem Informasi Pertanahan; Program Penataan Desa (batas desa)',
    words:
      'tanah_warga lahan_warga tanah_kas sertifikat sertipikat ptsl bpn batas tapal patok sengketa klaim segel ' +
      ' agraria wakaf ganti_rugi tumpang_tindih kawasan_hutan',
  },
  perikanan: {
    subject: 'produktivitas perikanan',
    urusan: '3.25 Kelautan dan Perikanan',
    program:
      'Program Pengelolaan Perikanan Tangkap; Program Pengelolaan Perikanan Budidaya; ' +
      'Program Pengolahan dan Pemasaran Hasil Perikanan',
    words:
      'ikan kolam keramba nelayan pakan pelet nila patin lele budidaya tangkap jaring setrum ' +
      'racun benih_ikan papuyu haruan salai rawa pembudidaya tangkapan',
  },
  ternak: {
    subject: 'usaha peternakan',
    urusan: '3.27 Pertanian',
    program: 'Program Penyediaan dan Pengembangan Sarana Pertanian (sub urusan peternakan)',
    words: 'sapi kambing ayam ternak kandang kerbau itik vaksin hewan',
  },
  wisata: {
    subject: 'pariwisata dan budaya',
    urusan: '3.26 Pariwisata; 2.22 Kebudayaan',
    program:
      'Program Peningkatan Daya Tarik Destinasi Pariwisata; Program Pemasaran Pariwisata; ' +
      'Program Pengembangan Kebudayaan; Program Pengembangan Kesenian Tradisional; Program ' +
      'Pelestarian dan Pengelolaan Cagar Budaya',
    words:
      'wisata pariwisata wisatawan pengunjung budaya adat seni kesenian tradisi tradisional ' +
      'cagar sanggar pokdarwis homestay destinasi objek air_terjun tari tarian musik aruh ' +
      'kuliner situs sejarah promosi pemandu panting gepang',
  },
  keamanan: {
    subject: 'keamanan lingkungan',
    urusan: '1.05 Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat',
    program:
      'Program Peningkatan Ketenteraman dan Ketertiban Umum; Program Pencegahan dan ' +
      'Pemberantasan Penyalahgunaan dan Peredaran Gelap Narkoba (P4GN)',
    words:
      'narkoba narkotika sabu curi pencurian maling kriminal keamanan judi miras mabuk konflik ' +
      'ronda siskamling kamling perkelahian balap_liar bhabinkamtibmas rehabilitasi ' +
      'tawuran',
  },
  hutan: {
    subject: 'kelestarian hutan',
    urusan: '3.28 Kehutanan; 2.11 Lingkungan Hidup',
    program: 'Program Pengelolaan Hutan; Program Perlindungan dan Konservasi Sumber Daya Alam',
    words: 'hutan gundul reboisasi penebangan kayu_ilegal satwa',
  },
};

/** Topic names, for tests and for the bench. */
export const TOPIC_NAMES: readonly string[] = Object.keys(TOPICS);

/** Where a topic comes from in the nomenclature (for the record and for tests). */
export function topicSource(topic: string): { urusan: string; program: string } | undefined {
  const e = Object.hasOwn(TOPICS, topic) ? TOPICS[topic] : undefined;
  return e && { urusan: e.urusan, program: e.program };
}

/** The subject of a title for a group of this topic ("akses air bersih"). */
export function topicSubject(topic: string): string | undefined {
  return Object.hasOwn(TOPICS, topic) ? TOPICS[topic]?.subject : undefined;
}

/** Each topic's words, unstemmed; analyzeText stems them once. */
export function topicWordLists(): readonly (readonly [string, readonly string[]])[] {
  return Object.entries(TOPICS).map(([topic, e]) => [topic, e.words.trim().split(/\s+/)] as const);
}
