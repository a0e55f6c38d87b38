import { FrameShapeUtil, HTMLContainer, type TLFrameShape, type TLShape } from 'tldraw';
import { CARD_SHAPE_TYPE } from '../binding/cardShapeProps';
import { recordIdOfShape } from '../binding/shapeIds';
import { VoteControls } from '../board/VoteControls';

/**
 * A cluster: tldraw's frame, whose name is the strategic issue. Only issue cards go inside
 * (membership is the card's clusterId); drawings stay on the page so the `canvas` map never
 * depends on a cluster. The frame carries the cluster's dot votes in its top-right corner.
 */
export class ClusterFrameShapeUtil extends FrameShapeUtil {
  override canReceiveNewChildrenOfType(shape: TLFrameShape, type: TLShape['type']): boolean {
    return type === CARD_SHAPE_TYPE && !shape.isLocked;
  }

  override hideRotateHandle(): boolean {
    return true;
  }

  override component(shape: TLFrameShape) {
    const clusterId = recordIdOfShape(shape.id);
    return (
      <>
        {super.component(shape)}
        {clusterId !== null && (
          <HTMLContainer className="cluster-votes" style={{ width: shape.props.w, height: 0 }}>
            <VoteControls targetId={clusterId} kind="cluster" />
          </HTMLContainer>
        )}
      </>
    );
  }
}
