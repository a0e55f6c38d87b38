import type { BoardPhase } from '../../shared/protocol';
import type { Messages } from './id';

/** A phase's name in the UI's language. */
export function phaseLabel(messages: Messages, phase: BoardPhase): string {
  switch (phase) {
    case 'tulis':
      return messages.phaseTulis;
    case 'kelompokkan':
      return messages.phaseKelompokkan;
    case 'pilih':
      return messages.phasePilih;
    case 'selesai':
      return messages.phaseSelesai;
  }
}
