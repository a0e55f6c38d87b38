import { useLayoutEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useEditor, useSvgExportContext, useValue, type TLShapeId } from 'tldraw';
import { findBidang, type Bidang } from '../../shared/taxonomy';
import { CLUSTER_SHAPE_TYPE, type IssueCardProps } from '../binding/cardShapeProps';
import { recordIdOfShape } from '../binding/shapeIds';
import { useBoardActions } from '../board/BoardActionsContext';
import { useBoardInfo } from '../board/BoardInfoContext';
import { useSupporters } from '../board/SupportLedger';
import { VoteControls } from '../board/VoteControls';
import { useI18n } from '../i18n/I18nProvider';
import { bidangColors } from './bidangColors';
import { useIsCulled } from './culledShapes';
import { DistantCardFace } from './DistantCardFace';
import { useIsDistant } from './distantView';
import { watchTextFit } from './textFit';

/** The card's outer element: what tests, the bench and the load measurement read. */
export interface CardElementProps {
  className: string;
  'data-testid': string;
  'data-text': string;
  'data-desa': string;
  'data-bidang': string;
  'data-cluster': string;
  'data-votes': number;
  'data-supporters': number;
}

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
  // Zoomed out past reading (a 300-card board fitted to the screen), a card draws a cheap face
  // without text; an image export always draws the full one.
  const exporting = useSvgExportContext() !== null;
  const distant = useIsDistant(editor) && !exporting;
  const info = useBoardInfo();
  const supporters = useSupporters(recordIdOfShape(shapeId));
  const bidang = findBidang(info.taxonomy, props.bidang);
  const colors = bidangColors(bidang);
  const card: CardElementProps = {
    className: 'issue-card',
    'data-testid': 'issue-card',
    'data-text': props.text,
    'data-desa': props.desaKode ?? '',
    'data-bidang': props.bidang ?? '',
    'data-cluster': clusterId ?? '',
    'data-votes': props.votes,
    'data-supporters': supporters,
  };
  const size = { width: props.w, height: props.h, borderColor: colors.solid };
  if (culled && !exporting) {
    return <div {...card} style={{ ...size, background: colors.tint }} data-culled="true" />;
  }
  if (distant) return <DistantCardFace card={card} size={size} colors={colors} text={props.text} />;
  return (
    <FullCardFace
      card={card}
      style={{ ...size, background: colors.tint }}
      props={props}
      shapeId={shapeId}
      bidang={bidang}
      band={colors.solid}
      supporters={supporters}
      exporting={exporting}
    />
  );
}

/** Everything a card shows close up: bidang, text (fitted to the card), desa, author, votes. */
function FullCardFace({
  card,
  style,
  props,
  shapeId,
  bidang,
  band,
  supporters,
  exporting,
}: {
  card: CardElementProps;
  style: { width: number; height: number; borderColor: string; background: string };
  props: IssueCardProps;
  shapeId: TLShapeId;
  bidang: Bidang | null;
  /** The bidang's solid colour. */
  band: string;
  supporters: number;
  exporting: boolean;
}) {
  const editor = useEditor();
  const cardId = recordIdOfShape(shapeId);
  const info = useBoardInfo();
  const { messages } = useI18n();
  const actions = useBoardActions();
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
  }, [props.text, kecamatan, supporters, bidangName, desaName, props.authorName, exporting]);
  const handled = (e: SyntheticEvent) => {
    editor.markEventAsHandled(e);
    e.stopPropagation();
  };
  return (
    <div {...card} style={style} ref={cardRef}>
      <div className="issue-card__band" style={{ background: band }}>
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
