import type { Gazetteer } from '../gazetteer/types';
import type { DesaRef, KecamatanRef } from './types';

const DESA_KODE = /^(\d{2}\.\d{2}\.\d{2})\.\d{4}$/;

/** Constant-time desa and kecamatan lookups by Kemendagri code, built once per issue map. */
export class WilayahIndex {
  private readonly desaNames = new Map<string, string>();
  private readonly kecamatanNames = new Map<string, string>();

  constructor(gazetteer: Gazetteer) {
    for (const kec of gazetteer.kecamatan) {
      this.kecamatanNames.set(kec.kode, kec.nama);
      for (const desa of kec.desa) this.desaNames.set(desa.kode, desa.nama);
    }
  }

  /** The desa of a code: an unknown code keeps its code with a null name. */
  desa(kode: string | null): DesaRef {
    if (kode === null) return { kode: null, nama: null };
    return { kode, nama: this.desaNames.get(kode) ?? null };
  }

  /** The kecamatan of a code: an unknown code keeps its code with a null name. */
  kecamatan(kode: string): KecamatanRef {
    return { kode, nama: this.kecamatanNames.get(kode) ?? null };
  }

  /** The kecamatan a desa code belongs to (its first three segments); null without a code. */
  kecamatanOfDesa(desaKode: string | null): KecamatanRef | null {
    const match = desaKode === null ? null : DESA_KODE.exec(desaKode);
    return match?.[1] === undefined ? null : this.kecamatan(match[1]);
  }
}
