import { useValue, type Editor, type TLShapeId } from 'tldraw';
import { CARD_SHAPE_TYPE } from '../binding/cardShapeProps';
import { shapeIdOf } from '../binding/shapeIds';
import { useI18n } from '../i18n/I18nProvider';
import { Sheet } from '../ui/Sheet';

/** "Selengkapnya": a card's whole text, large, with who wrote it. */
export function CardTextSheet(props: { editor: Editor; cardId: string; onClose(): void }) {
  const { editor, cardId } = props;
  const { messages } = useI18n();
  const card = useValue(
    'card text',
    () => {
      const shape = editor.getShape(shapeIdOf(cardId) as TLShapeId);
      return shape?.type === CARD_SHAPE_TYPE
        ? (shape.props as { text: string; authorName: string })
        : null;
    },
    [editor, cardId],
  );
  return (
    <Sheet
      title={messages.cardFull}
      testId="card-text-sheet"
      saveLabel={null}
      onSubmit={props.onClose}
      onCancel={props.onClose}
    >
      <p className="card-full" data-testid="card-full-text">
        {card?.text ?? ''}
      </p>
      {card?.authorName && <p className="sheet__help">{messages.by(card.authorName)}</p>}
    </Sheet>
  );
}
