import { FrameShapeUtil, type TLFrameShape, type TLShape } from 'tldraw';
import { CARD_SHAPE_TYPE } from '../binding/cardShapeProps';

/**
 * A cluster: tldraw's frame, whose name is the strategic issue. Only issue cards go inside
 * (membership is the card's clusterId); drawings stay on the page so the `canvas` map never
 * depends on a cluster.
 */
export class ClusterFrameShapeUtil extends FrameShapeUtil {
  override canReceiveNewChildrenOfType(shape: TLFrameShape, type: TLShape['type']): boolean {
    return type === CARD_SHAPE_TYPE && !shape.isLocked;
  }

  override hideRotateHandle(): boolean {
    return true;
  }
}
