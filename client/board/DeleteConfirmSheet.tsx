import { useI18n } from '../i18n/I18nProvider';
import { Sheet } from '../ui/Sheet';

/** Asks before someone deletes a card another person wrote. */
export function DeleteConfirmSheet(props: {
  authors: readonly string[];
  onConfirm(): void;
  onCancel(): void;
}) {
  const { messages } = useI18n();
  return (
    <Sheet
      title={messages.deleteOthersTitle}
      testId="delete-confirm"
      saveLabel={messages.deleteConfirm}
      danger
      onSubmit={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p className="sheet__help">{messages.deleteOthersHelp(props.authors.join(', '))}</p>
    </Sheet>
  );
}
