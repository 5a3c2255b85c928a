import { FOREST_WIDTH, type ForestMark } from "../lib/results-model.ts";

const H = 22;
const MID = H / 2;

/**
 * One branch's difference against the control as a bar on the metric's shared scale: the interval as a line, the
 * estimate as a dot, zero as a dashed rule; an arrow where the interval runs past the plot. The words are the
 * image's label (and are shown in the cells beside it), so the plot never has to be seen to be read.
 */
export function ForestPlot({ mark, text }: { mark: ForestMark | null; text: string }) {
  if (!mark) return <span class="muted small">{text}</span>;
  return (
    <svg
      class="forest"
      viewBox={`0 0 ${FOREST_WIDTH} ${H}`}
      width={FOREST_WIDTH}
      height={H}
      role="img"
      aria-label={text}
    >
      <title>{text}</title>
      <line class="forest-zero" x1={mark.zero} x2={mark.zero} y1={1} y2={H - 1} />
      <line class="forest-ci" x1={mark.low} x2={mark.high} y1={MID} y2={MID} />
      {!mark.openLow && <line class="forest-ci" x1={mark.low} x2={mark.low} y1={MID - 5} y2={MID + 5} />}
      {!mark.openHigh && <line class="forest-ci" x1={mark.high} x2={mark.high} y1={MID - 5} y2={MID + 5} />}
      {mark.openLow && <path class="forest-arrow" d={`M0,${MID} L7,${MID - 5} L7,${MID + 5} Z`} />}
      {mark.openHigh && (
        <path
          class="forest-arrow"
          d={`M${FOREST_WIDTH},${MID} L${FOREST_WIDTH - 7},${MID - 5} L${FOREST_WIDTH - 7},${MID + 5} Z`}
        />
      )}
      <rect class="forest-est" x={mark.est - 4} y={MID - 4} width={8} height={8} />
    </svg>
  );
}
