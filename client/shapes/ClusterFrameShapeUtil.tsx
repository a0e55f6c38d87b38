import {
  FrameShapeUtil,
  HTMLContainer,
  type SvgExportContext,
  type TLFrameShape,
  type TLShape,
} from 'tldraw';
import { CARD_SHAPE_TYPE } from '../binding/cardShapeProps';
import { recordIdOfShape } from '../binding/shapeIds';
import type { BoardViewHolder } from './ExportProviders';
import { IssueBand } from './IssueBand';

/**
 * A cluster: tldraw's frame, whose name is the strategic issue. Only issue cards go inside
 * (membership is the card's clusterId); drawings stay on the page so the `canvas` map never
 * depends on a cluster. The frame shows its whole title, "Ubah isu" and its dot votes in a band at its top
 * (`IssueBand`), in the issue's own colour.
 */
export class ClusterFrameShapeUtil extends FrameShapeUtil {
  /** `board` is set per board canvas with `configure`: the votes an image export shows. */
  // Declared, not initialised: tldraw's frame options (colours, display values) stay as they are.
  declare options: FrameShapeUtil['options'] & { board?: BoardViewHolder | null };

  override canReceiveNewChildrenOfType(shape: TLFrameShape, type: TLShape['type']): boolean {
    return type === CARD_SHAPE_TYPE && !shape.isLocked;
  }

  override hideRotateHandle(): boolean {
    return true;
  }

  // Renamed with the big "Ubah isu" form, not tldraw's tiny inline field (a second tap on the
  // title used to open a menu under the finger instead).
  override canEdit(): boolean {
    return false;
  }

  /** tldraw's frame in an image export, with the cluster's dot count in its top-right corner. */
  override toSvg(shape: TLFrameShape, ctx: SvgExportContext) {
    const frame = super.toSvg(shape, ctx);
    const clusterId = recordIdOfShape(shape.id);
    const board = this.options.board;
    const total =
      clusterId === null ? 0 : (board?.voting?.ledger.getSnapshot().totals.get(clusterId) ?? 0);
    if (total === 0 || !board?.messages) return frame;
    return (
      <>
        {frame}
        <text
          x={shape.props.w - 12}
          y={30}
          textAnchor="end"
          fontFamily="'Papan Sans', sans-serif"
          fontSize={18}
          fontWeight={700}
          fill="#1d4ed8"
        >
          ● {board.messages.votes(total)}
        </text>
      </>
    );
  }

  override component(shape: TLFrameShape) {
    const clusterId = recordIdOfShape(shape.id);
    return (
      <>
        {super.component(shape)}
        {clusterId !== null && (
          <HTMLContainer className="cluster-band" style={{ width: shape.props.w, height: 0 }}>
            <IssueBand clusterId={clusterId} title={shape.props.name} w={shape.props.w} />
          </HTMLContainer>
        )}
      </>
    );
  }
}
