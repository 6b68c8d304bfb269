import CNumpyMath

/// What each training step leaves in a history: the weights it started from, its gradient, and
/// every weight's running count of update sign flips, for the recorded layers.
///
/// A flip is a change, between consecutive updates, of whether the update moved the weight up:
/// the tutorials' `(update > 0)` test. Flips are counted at every step, recorded or not. A step
/// too small to move a weight counts by its descent direction −g, as numpy sees it before the
/// addition absorbs it.
final class StepRecorder {
  /// One recorded layer: where its weights start in the flat parameter vector, and its arrays.
  struct Layer {
    let offset: Int
    let weights: RecordArray
    let gradients: RecordArray
    let flips: RecordArray
  }

  let layers: [Layer]
  let parameterCount: Int
  // One entry per parameter, in memory the recorder owns: as arrays in a class, every step paid
  // for exclusivity and uniqueness checks on each.
  /// The parameters before the step being observed.
  private let previous: UnsafeMutablePointer<Double>
  /// Whether each parameter's last update moved it up: -1 (all bits) if it did, else 0.
  private let lastUp: UnsafeMutablePointer<Int64>
  private let counts: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private(set) var observedSteps = 0

  init(layers: [Layer], parameters: [Double]) {
    self.layers = layers
    parameterCount = parameters.count
    previous = .allocate(capacity: max(parameterCount, 1))
    _ = UnsafeMutableBufferPointer(start: previous, count: parameterCount).initialize(
      from: parameters)
    lastUp = .allocate(capacity: max(parameterCount, 1))
    lastUp.initialize(repeating: 0, count: parameterCount)
    counts = .allocate(capacity: max(parameterCount, 1))
    counts.initialize(repeating: 0, count: parameterCount)
  }

  deinit {
    previous.deallocate()
    lastUp.deallocate()
    counts.deallocate()
  }

  /// Each parameter's flip count so far.
  var flipCounts: [Int32] { Array(UnsafeBufferPointer(start: counts, count: parameterCount)) }

  /// One step: `after` are the parameters after its update, `gradient` the gradient it used.
  /// Appends the step's record to every layer's arrays if `record`.
  func observe(after: [Double], gradient: [Double], record: Bool) {
    precondition(after.count == parameterCount, "parameter count changed during training")
    precondition(gradient.count == parameterCount, "gradient and parameters differ in length")
    gradient.withUnsafeBufferPointer { g in
      if record {
        for l in layers {
          l.weights.append(previous + l.offset)
          l.gradients.append(g.baseAddress! + l.offset)
        }
      }
      // Moves `previous` on to `after` while it counts.
      downhill_np_count_flips(
        after, g.baseAddress!, previous, lastUp, counts, parameterCount, observedSteps > 0 ? 1 : 0)
    }
    if record {
      for l in layers { l.flips.append(UnsafePointer(counts + l.offset)) }
    }
    observedSteps += 1
  }
}
