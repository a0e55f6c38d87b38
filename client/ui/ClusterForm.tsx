import { useState } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import { useI18n } from '../i18n/I18nProvider';
import { Sheet } from './Sheet';

/** Names a new strategic issue (a cluster frame), or renames one ("Ubah isu"). */
export function ClusterForm(props: {
  initial?: string;
  onSave(title: string): void;
  onCancel(): void;
}) {
  const { messages } = useI18n();
  const [title, setTitle] = useState(props.initial ?? '');
  return (
    <Sheet
      title={props.initial === undefined ? messages.clusterFormTitle : messages.issueFormTitleEdit}
      testId="cluster-form"
      onSubmit={() => props.onSave(title.trim())}
      onCancel={props.onCancel}
    >
      <label className="field">
        <span>{messages.clusterTitle}</span>
        <textarea
          autoFocus
          rows={2}
          maxLength={MAX_TITLE_LENGTH}
          value={title}
          placeholder={messages.clusterTitlePlaceholder}
          onChange={(e) => setTitle(e.target.value.replace(/\n/g, ' '))}
          onKeyDown={(e) => {
            // One line of meaning: Enter saves, as in the old single-line field.
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          data-testid="cluster-title"
        />
      </label>
    </Sheet>
  );
}
