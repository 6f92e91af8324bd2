/** The prepared data a heat map draws (HeatMap.tsx), in a .ts file so pure view modules can use it. */

export interface HeatMapCell {
  readonly text: string;
  readonly fill: string;
  readonly textColor: string;
  /** Tooltip and screen-reader text: what the cell is, in words. */
  readonly title: string;
  /** Undefined (n/a): drawn hatched over `fill`. */
  readonly undefinedValue?: boolean;
}

export interface HeatMapScale {
  /** Gradient stops, offset 0..1 from the left of the bar. */
  readonly stops: readonly { readonly offset: number; readonly color: string }[];
  readonly ticks: readonly { readonly offset: number; readonly label: string }[];
  /** What the colours measure, written above the bar. */
  readonly title: string;
  /** Text next to the hatched swatch (e.g. 'n/a = undefined, not 0'); no swatch when absent. */
  readonly undefinedText?: string;
  /** The swatch's colour under the hatching (the undefined cells' fill). */
  readonly undefinedFill?: string;
}
