import { useState } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import { useI18n } from '../i18n/I18nProvider';
import { Sheet } from './Sheet';

/** Names a new strategic issue (a cluster frame). */
export function ClusterForm(props: { onSave(title: string): void; onCancel(): void }) {
  const { messages } = useI18n();
  const [title, setTitle] = useState('');
  return (
    <Sheet
      title={messages.clusterFormTitle}
      testId="cluster-form"
      onSubmit={() => props.onSave(title.trim())}
      onCancel={props.onCancel}
    >
      <label className="field">
        <span>{messages.clusterTitle}</span>
        <input
          autoFocus
          maxLength={MAX_TITLE_LENGTH}
          value={title}
          placeholder={messages.clusterTitlePlaceholder}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="cluster-title"
        />
      </label>
    </Sheet>
  );
}
