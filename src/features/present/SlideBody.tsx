/** What a slide of a deck shows, by its study's kind and its own (the heading is deck.ts's slideHeading). */
import { AblationChartSlide, AblationTitle, ArmsSlide } from './AblationSlides';
import { ColdStartTableSlide, ColdStartTitle, CurvesSlide } from './ColdStartSlides';
import type { DeckSlide } from './deck';
import { DiagnosticsSlide } from './DiagnosticsSlide';
import { ReplaySlide } from './ReplaySlide';
import { verdictList } from '../../core/results/reports/rigor-tables';
import { VerdictList } from '../../ui/VerdictList';
import { SegmentSlide, Table1Slide } from './SlideTables';
import { TuningSlide } from './TuningSlide';
import { ShareSlide, TierSlide, TitleSlide } from './SlideViews';

export function SlideBody({ slide: s, fontPx }: { slide: DeckSlide; fontPx: number }) {
  if (s.slide.kind === 'share') return <ShareSlide run={s.run} />;
  switch (s.kind) {
    case 'comparison':
    case 'tuning': {
      const { slide, results } = s;
      if (slide.kind === 'title') return <TitleSlide results={results} />;
      if (slide.kind === 'table1') return <Table1Slide results={results} />;
      if (slide.kind === 'tuning') return <TuningSlide results={results} />;
      if (slide.kind === 'segments') return <SegmentSlide results={results} channel={slide.channel} />;
      if (slide.kind === 'tiers')
        return <TierSlide results={results} channel={slide.channel} fontPx={fontPx} />;
      if (slide.kind === 'replay') return <ReplaySlide results={results} fontPx={fontPx} />;
      // All test rows only, smaller than table text: a sentence per grouping and channel must fit.
      if (slide.kind === 'verdicts')
        return <VerdictList verdicts={verdictList(results, ['all'])} fontPx={Math.round(fontPx * 0.75)} />;
      return <DiagnosticsSlide results={results} fontPx={fontPx} />;
    }
    case 'ablation': {
      const { slide, results } = s;
      if (slide.kind === 'title') return <AblationTitle results={results} run={s.run} />;
      if (slide.kind === 'arms') return <ArmsSlide results={results} />;
      return <AblationChartSlide results={results} fontPx={fontPx} />;
    }
    case 'cold-start': {
      const { slide, results } = s;
      if (slide.kind === 'title') return <ColdStartTitle results={results} run={s.run} />;
      if (slide.kind === 'curves') return <CurvesSlide results={results} fontPx={fontPx} />;
      return <ColdStartTableSlide results={results} />;
    }
  }
}
