import { useState } from 'react';
import { MAX_CARD_TEXT_LENGTH } from '../../shared/limits';
import { useBoardInfo } from '../board/BoardInfoContext';
import { useI18n } from '../i18n/I18nProvider';
import { bidangColors } from '../shapes/bidangColors';
import { DuplicateHint, type DuplicateCheck } from './DuplicateHint';
import { Sheet } from './Sheet';

export interface CardFormValue {
  text: string;
  desaKode: string | null;
  bidang: string | null;
}

/** The short card form: problem text, desa of this kecamatan, bidang as big colour buttons. */
export function CardForm(props: {
  initial: CardFormValue | null;
  /** A new card's desa before the person picks one: the desa they gave when joining. */
  defaultDesa?: string | null;
  /** Warns about near-duplicates while typing and offers a +1 instead (new cards). */
  duplicates?: DuplicateCheck;
  onSave(value: CardFormValue): void;
  onCancel(): void;
}) {
  const info = useBoardInfo();
  const { messages } = useI18n();
  const [text, setText] = useState(props.initial?.text ?? '');
  const [desaKode, setDesaKode] = useState(
    props.initial ? (props.initial.desaKode ?? '') : (props.defaultDesa ?? ''),
  );
  const [bidang, setBidang] = useState<string | null>(props.initial?.bidang ?? null);
  const save = () => {
    if (text.trim() === '') return;
    props.onSave({ text: text.trim(), desaKode: desaKode || null, bidang });
  };
  return (
    <Sheet
      title={props.initial ? messages.cardFormTitleEdit : messages.cardFormTitleNew}
      testId="card-form"
      onSubmit={save}
      onCancel={props.onCancel}
    >
      <label className="field">
        <span>{messages.cardText}</span>
        <textarea
          autoFocus
          required
          rows={3}
          maxLength={MAX_CARD_TEXT_LENGTH}
          value={text}
          placeholder={messages.cardTextPlaceholder}
          onChange={(e) => setText(e.target.value)}
          data-testid="card-text"
        />
      </label>
      {props.duplicates && <DuplicateHint text={text} check={props.duplicates} />}
      <label className="field">
        <span>{messages.cardDesa}</span>
        <select
          value={desaKode}
          onChange={(e) => setDesaKode(e.target.value)}
          data-testid="card-desa"
        >
          <option value="">{messages.cardDesaNone}</option>
          {info.desa.map((d) => (
            <option key={d.kode} value={d.kode}>
              {d.nama}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field bidang-choice">
        <legend>{messages.cardBidang}</legend>
        {info.taxonomy.map((b) => (
          <button
            key={b.id}
            type="button"
            className={`bidang-choice__option${bidang === b.id ? ' is-selected' : ''}`}
            style={{
              borderColor: bidangColors(b).solid,
              ['--bidang' as string]: bidangColors(b).solid,
            }}
            aria-pressed={bidang === b.id}
            onClick={() => setBidang(bidang === b.id ? null : b.id)}
            data-testid={`card-bidang-${b.id}`}
          >
            {b.nama}
          </button>
        ))}
      </fieldset>
    </Sheet>
  );
}
