import {
  BaseBoxShapeUtil,
  HTMLContainer,
  T,
  type RecordProps,
  type TLResizeInfo,
  type TLShape,
} from 'tldraw';
import {
  CARD_HEIGHT,
  CARD_SHAPE_TYPE,
  CARD_WIDTH,
  type IssueCardProps,
} from '../binding/cardShapeProps';
import { ExportProviders, type BoardViewHolder } from './ExportProviders';
import { IssueCardView } from './IssueCardView';

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    [CARD_SHAPE_TYPE]: IssueCardProps;
  }
}

export type IssueCardShape = TLShape<typeof CARD_SHAPE_TYPE>;

/** The issue card: problem text, desa, bidang (colour and label), author and vote count. */
export class IssueCardShapeUtil extends BaseBoxShapeUtil<IssueCardShape> {
  static override type = CARD_SHAPE_TYPE;
  static override props: RecordProps<IssueCardShape> = {
    w: T.number,
    h: T.number,
    text: T.string,
    desaKode: T.string.nullable(),
    bidang: T.string.nullable(),
    authorId: T.string,
    authorName: T.string,
    votes: T.number,
    sourceKecamatan: T.string.nullable(),
  };

  /** Set per board canvas with `configure`: what image exports render the card with. */
  override options: { board: BoardViewHolder | null } = { board: null };

  override getDefaultProps(): IssueCardProps {
    return {
      w: CARD_WIDTH,
      h: CARD_HEIGHT,
      text: '',
      desaKode: null,
      bidang: null,
      authorId: '',
      authorName: '',
      votes: 0,
      sourceKecamatan: null,
    };
  }

  // Text is edited in our form (large, above the keyboard), not inline on the canvas.
  override canEdit(): boolean {
    return false;
  }

  override canResize(): boolean {
    return false;
  }

  override hideRotateHandle(): boolean {
    return true;
  }

  override hideResizeHandles(): boolean {
    return true;
  }

  override onResize(shape: IssueCardShape, _info: TLResizeInfo<IssueCardShape>) {
    return shape;
  }

  override getText(shape: IssueCardShape): string {
    return shape.props.text;
  }

  override component(shape: IssueCardShape) {
    return (
      <HTMLContainer>
        <ExportProviders board={this.options.board}>
          <IssueCardView props={shape.props} shapeId={shape.id} />
        </ExportProviders>
      </HTMLContainer>
    );
  }

  override getIndicatorPath(shape: IssueCardShape): Path2D {
    const path = new Path2D();
    path.roundRect(0, 0, shape.props.w, shape.props.h, 10);
    return path;
  }
}
