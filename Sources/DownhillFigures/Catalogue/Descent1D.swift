import Downhill
import DownhillPlot

extension Catalogue {
  /// One-dimensional gradient descent (T2 and the tutorials' sgd_* pictures) and T5's stretched
  /// sigmoid. Every figure is computed from a seeded run: no data files, no clock.
  static let descent1D: [CatalogueEntry] = [
    CatalogueEntry(
      name: "fx-quartic",
      summary: "T2: descent on x⁴ − 3x³ + 2 from x = 4 with γ = 0.01, steps coloured, minimum 9/4",
      make: { _ in try QuarticDescent.figure(for: QuarticDescent.run()) }),
    CatalogueEntry(
      name: "sgd-optimal",
      summary: "A well-chosen step (γ = 0.1 on x²): numbered balls converge smoothly",
      make: { _ in try OptimalStep.figure(for: OptimalStep.run()) }),
    CatalogueEntry(
      name: "sgd-high",
      summary: "Too large a step (γ = 1.1 on x²): overshoot across the valley, then divergence",
      make: { _ in try HighStep.figure(for: HighStep.run()) }),
    CatalogueEntry(
      name: "sgd-local-min",
      summary: "Two balls on x²/5 + 2·sin(1.5x): one stuck in a local minimum, one global",
      make: { _ in
        let runs = try LocalMinimum.run()
        return try LocalMinimum.figure(stuck: runs.stuck, global: runs.global)
      }),
    CatalogueEntry(
      name: "sgd-randomness-ensemble",
      summary: "40 seeded random starts on x²/5 + 2·sin(1.5x), coloured by basin of attraction",
      make: { _ in try RandomStartsEnsemble.figure(for: RandomStartsEnsemble.run()) }),
    CatalogueEntry(
      name: "sigmoid-stretched",
      summary: "σ(x) and σ(0.01·x) with their slopes over T5's 1000-wide pre-activations",
      make: { _ in
        try StretchedSigmoid.figure(preActivations: StretchedSigmoid.preActivations())
      }),
  ]
}
