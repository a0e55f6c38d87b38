import { useLayoutEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useEditor, useSvgExportContext, useValue, type TLShapeId } from 'tldraw';
import { findBidang } from '../../shared/taxonomy';
import { CLUSTER_SHAPE_TYPE, type IssueCardProps } from '../binding/cardShapeProps';
import { recordIdOfShape } from '../binding/shapeIds';
import { useBoardActions } from '../board/BoardActionsContext';
import { useBoardInfo } from '../board/BoardInfoContext';
import { useSupporters } from '../board/SupportLedger';
import { VoteControls } from '../board/VoteControls';
import { useI18n } from '../i18n/I18nProvider';
import { bidangColors } from './bidangColors';
import { useIsCulled } from './culledShapes';
import { watchTextFit } from './textFit';

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
  // tldraw hides a card out of view (display: none) but still renders it: such a card draws
  // only its outline element (what tests and the load measurement count), not its face.
  const culled = useIsCulled(editor, shapeId);
  const cardId = recordIdOfShape(shapeId);
  const info = useBoardInfo();
  const { messages } = useI18n();
  const actions = useBoardActions();
  const exporting = useSvgExportContext() !== null;
  const supporters = useSupporters(cardId);
  const bidang = findBidang(info.taxonomy, props.bidang);
  const colors = bidangColors(bidang);
  const desa = info.desa.find((d) => d.kode === props.desaKode);
  const kecamatan =
    props.sourceKecamatan === null
      ? null
      : (info.kecamatan.find((k) => k.kode === props.sourceKecamatan)?.nama ??
        props.sourceKecamatan);
  // Long text shows as many whole lines as fit (the vote row takes room in Pilih) and offers
  // the rest ("selengkapnya"); words are never cut, and no ellipsis eats into one.
  const cardRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLParagraphElement>(null);
  const bidangRef = useRef<HTMLSpanElement>(null);
  const desaRef = useRef<HTMLSpanElement>(null);
  const authorRef = useRef<HTMLSpanElement>(null);
  const [clamped, setClamped] = useState(false);
  const bidangName = bidang?.nama ?? messages.cardBidangNone;
  const desaName = desa?.nama ?? props.desaKode;
  useLayoutEffect(() => {
    const box = boxRef.current;
    const text = textRef.current;
    if (!box || !text) return;
    // Measured together with every other card, after the browser's layout (see textFit); the
    // card and its one-line parts clip only when their text is too long for them.
    const cuts = [cardRef, bidangRef, desaRef, authorRef].flatMap((r) => r.current ?? []);
    return watchTextFit({ box, text, cuts, onClamped: setClamped }, exporting);
  }, [
    props.text,
    kecamatan,
    supporters,
    culled,
    bidangName,
    desaName,
    props.authorName,
    exporting,
  ]);
  const handled = (e: SyntheticEvent) => {
    editor.markEventAsHandled(e);
    e.stopPropagation();
  };
  const card = {
    className: 'issue-card',
    'data-testid': 'issue-card',
    'data-text': props.text,
    'data-desa': props.desaKode ?? '',
    'data-bidang': props.bidang ?? '',
    'data-cluster': clusterId ?? '',
    'data-votes': props.votes,
    'data-supporters': supporters,
    style: {
      width: props.w,
      height: props.h,
      background: colors.tint,
      borderColor: colors.solid,
    },
  };
  if (culled && !exporting) return <div {...card} data-culled="true" />;
  return (
    <div {...card} ref={cardRef}>
      <div className="issue-card__band" style={{ background: colors.solid }}>
        <span className="issue-card__bidang" ref={bidangRef}>
          {bidangName}
        </span>
        {kecamatan && (
          <span className="issue-card__kecamatan" data-testid="card-kecamatan">
            {messages.kecamatanOf(kecamatan)}
          </span>
        )}
      </div>
      <div className="issue-card__textbox" ref={boxRef}>
        <p className="issue-card__text" ref={textRef}>
          {props.text}
        </p>
      </div>
      {clamped && actions && !exporting && cardId !== null && (
        <button
          type="button"
          className="issue-card__more"
          data-testid="card-more"
          onPointerDown={handled}
          onPointerUp={(e) => {
            handled(e);
            actions.showCardText(cardId);
          }}
          onClick={(e) => {
            handled(e);
            if (e.detail === 0) actions.showCardText(cardId);
          }}
        >
          {messages.moreText}
        </button>
      )}
      <div className="issue-card__meta">
        {desaName && (
          <span className="issue-card__desa" ref={desaRef}>
            {desaName}
          </span>
        )}
        {props.authorName && (
          <span className="issue-card__author" ref={authorRef}>
            {messages.by(props.authorName)}
          </span>
        )}
      </div>
      {supporters > 0 && (
        <div className="issue-card__support" data-testid="card-supporters">
          {messages.supporters(supporters)}
        </div>
      )}
      {cardId !== null && <VoteControls targetId={cardId} kind="card" />}
    </div>
  );
}
