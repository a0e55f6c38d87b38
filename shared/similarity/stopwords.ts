/**
 * Our own stopword list for short Indonesian issue cards. It deliberately KEEPS negations
 * (tidak, belum, bukan) and quantity or condition words (kurang, rusak, mahal, minim, sulit,
 * jauh, sedikit): on a sticky note they carry the problem itself.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'yang dan di ke dari pada untuk dengan dalam oleh atau juga ini itu sudah telah akan ada ' +
    'adalah ialah sebagai karena sehingga supaya agar kalau jika bila waktu saat ketika tiap ' +
    'setiap sangat sekali amat cuma hanya saja pun lah kah tah nya si sang para kami kita saya ' +
    'aku kamu mereka dia ia beliau kalian sini situ sana mana apa siapa bagaimana kenapa mengapa ' +
    'kapan dimana lalu kemudian terus masih jadi bisa dapat harus perlu mohon tolong ingin mau ' +
    'bikin buat membuat sebuah seorang beberapa banyak semua para the of rt rw dusun desa warga ' +
    'masyarakat kampung kami tahun bulan hari kali lagi sama lain lainnya tersebut hal antara ' +
    'tapi tetapi namun serta maupun dll dsb sebab akibat seperti begitu sering kadang ' +
    'selalu sedang sempat baru lama lebih paling makin semakin cukup dulu nanti sekarang kini ' +
    'apalagi yaitu yakni punya tersedia bagi tanpa sejak hingga sampai atas bawah ujung depan belakang'
  ).split(/\s+/),
);

/** Words that negate the content word after them; kept as tokens and also bound to it. */
export const NEGATIONS: ReadonlySet<string> = new Set(['tidak', 'belum', 'bukan', 'tanpa']);
