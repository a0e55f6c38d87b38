import { ArrowShapeUtil, DrawShapeUtil, GeoShapeUtil, type TLShapeUtilCanvasSvgDef } from 'tldraw';

/*
 * tldraw's geo, draw and arrow shapes put the hatched "pattern" fill in the canvas's SVG defs,
 * and drawing it makes 18 images at mount (each zoom level up to 8x from 0.05x, light and dark,
 * up to 2048 px square, PNG-encoded): about 5% of the main thread's work until a 300-card board
 * answers on a slow tablet. Nobody on the board can choose that fill (no style panel), so these
 * shapes leave it out; a pattern-filled shape pasted from elsewhere shows its outline only.
 */

const NO_DEFS: TLShapeUtilCanvasSvgDef[] = [];

export class LightGeoShapeUtil extends GeoShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return NO_DEFS;
  }
}

export class LightDrawShapeUtil extends DrawShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return NO_DEFS;
  }
}

export class LightArrowShapeUtil extends ArrowShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return NO_DEFS;
  }
}
