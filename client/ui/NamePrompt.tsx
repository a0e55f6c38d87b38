import { useState } from 'react';
import { MAX_NAME_LENGTH } from '../../shared/limits';
import { useI18n } from '../i18n/I18nProvider';
import { Sheet } from './Sheet';

/** Asks for the display name shown on cards and next to the cursor. */
export function NamePrompt(props: {
  initial: string;
  onSave(name: string): void;
  onCancel(): void;
}) {
  const { messages } = useI18n();
  const [name, setName] = useState(props.initial);
  return (
    <Sheet
      title={messages.namePromptTitle}
      testId="name-prompt"
      onSubmit={() => name.trim() && props.onSave(name)}
      onCancel={props.onCancel}
    >
      <p className="sheet__help">{messages.namePromptHelp}</p>
      <label className="field">
        <span>{messages.nameField}</span>
        <input
          autoFocus
          required
          maxLength={MAX_NAME_LENGTH}
          value={name}
          placeholder={messages.namePlaceholder}
          onChange={(e) => setName(e.target.value)}
          data-testid="name-field"
        />
      </label>
    </Sheet>
  );
}
