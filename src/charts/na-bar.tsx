/**
 * The bar shape shared by the bar charts: a plain bar, or "n/a" written at the zero line where
 * the value is undefined, so an undefined metric is never drawn as a bar of 0.
 */
import { type BarShapeProps, Rectangle } from 'recharts';

/** A Recharts `shape` that draws "n/a" instead of the bar wherever `isUndefined(payload)`. */
export function naOrBar(isUndefined: (payload: unknown) => boolean, fontSize: number) {
  return (props: BarShapeProps) => {
    const { x, y, width, height, fill, payload } = props;
    if (isUndefined(payload)) {
      const cx = x + width / 2;
      const narrow = width < 1.5 * fontSize;
      return (
        <text
          x={cx}
          y={y - 3}
          fontSize={Math.round(fontSize * 0.85)}
          fill="#666"
          textAnchor={narrow ? 'start' : 'middle'}
          transform={narrow ? `rotate(-90 ${cx} ${y - 3})` : undefined}
        >
          n/a
        </text>
      );
    }
    return <Rectangle x={x} y={y} width={width} height={height} fill={fill} />;
  };
}
