import { useEditor, useValue, type TLShapeId } from 'tldraw';
import { findBidang } from '../../shared/taxonomy';
import { CLUSTER_SHAPE_TYPE, type IssueCardProps } from '../binding/cardShapeProps';
import { recordIdOfShape } from '../binding/shapeIds';
import { useBoardInfo } from '../board/BoardInfoContext';
import { VoteControls } from '../board/VoteControls';
import { useI18n } from '../i18n/I18nProvider';
import { bidangColors } from './bidangColors';

/** The face of an issue card (rendered inside tldraw's shape container). */
export function IssueCardView({ props, shapeId }: { props: IssueCardProps; shapeId: TLShapeId }) {
  const editor = useEditor();
  // tldraw re-renders a shape only when its props change; membership is its parent, so watch it.
  const clusterId = useValue(
    'card cluster',
    () => {
      const parentId = editor.getShape(shapeId)?.parentId;
      const parent = parentId ? editor.getShape(parentId as TLShapeId) : undefined;
      return parent?.type === CLUSTER_SHAPE_TYPE ? recordIdOfShape(parent.id) : null;
    },
    [editor, shapeId],
  );
  const cardId = recordIdOfShape(shapeId);
  const info = useBoardInfo();
  const { messages } = useI18n();
  const bidang = findBidang(info.taxonomy, props.bidang);
  const colors = bidangColors(bidang);
  const desa = info.desa.find((d) => d.kode === props.desaKode);
  return (
    <div
      className="issue-card"
      data-testid="issue-card"
      data-text={props.text}
      data-desa={props.desaKode ?? ''}
      data-bidang={props.bidang ?? ''}
      data-cluster={clusterId ?? ''}
      data-votes={props.votes}
      style={{
        width: props.w,
        height: props.h,
        background: colors.tint,
        borderColor: colors.solid,
      }}
    >
      <div className="issue-card__band" style={{ background: colors.solid }}>
        <span className="issue-card__bidang">{bidang?.nama ?? messages.cardBidangNone}</span>
      </div>
      <p className="issue-card__text">{props.text}</p>
      <div className="issue-card__meta">
        {(desa?.nama ?? props.desaKode) && (
          <span className="issue-card__desa">{desa?.nama ?? props.desaKode}</span>
        )}
        {props.authorName && (
          <span className="issue-card__author">{messages.by(props.authorName)}</span>
        )}
      </div>
      {cardId !== null && <VoteControls targetId={cardId} kind="card" />}
    </div>
  );
}
