/// DescentPlot: small, self-contained SVG pictures of optimization runs.
///
/// Nothing here depends on a plotting package: every chart is written as SVG text that
/// opens in any browser and converts with `rsvg-convert`. The pieces:
///
/// | need | type |
/// |---|---|
/// | landscape with optimizer paths (the CLI's `--plot`) | ``LandscapePlot`` |
/// | loss (or `f − f*`) against step for several runs | ``LossPlot`` |
/// | final loss / steps-to-tolerance against learning rate | ``LearningRateSweepPlot`` |
/// | Hessian eigenvalue spectral density | ``SpectrumPlot`` |
/// | 1-D and 2-D slices of a loss | ``SlicePlot`` |
/// | building blocks | ``ContourPlot``, ``LineChart``, ``Series``, ``Axis``, ``Palette``, ``Colormap`` |
/// | geometry | ``ScalarGrid``, ``MarchingSquares``, ``ContourLevels`` |
///
/// Every chart is a value type with an `svg() -> String` method; the output carries a
/// `<title>` and `<desc>` for screen readers, coordinates rounded to 0.1 px, consecutive
/// duplicate points dropped and polylines simplified to a fraction of a pixel.
public enum DescentPlotModule {}
