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
  /// The parameters before the step being observed.
  private var previous: [Double]
  /// Whether each parameter's last update moved it up: -1 (all bits) if it did, else 0.
  private var lastUp: [Int64]
  private(set) var flipCounts: [Int32]
  private(set) var observedSteps = 0

  init(layers: [Layer], parameters: [Double]) {
    self.layers = layers
    previous = parameters
    lastUp = Array(repeating: 0, count: parameters.count)
    flipCounts = Array(repeating: 0, count: parameters.count)
  }

  var parameterCount: Int { previous.count }

  /// One step: `after` are the parameters after its update, `gradient` the gradient it used.
  /// Appends the step's record to every layer's arrays if `record`.
  func observe(after: [Double], gradient: [Double], record: Bool) {
    precondition(after.count == previous.count, "parameter count changed during training")
    precondition(gradient.count == previous.count, "gradient and parameters differ in length")
    previous.withUnsafeMutableBufferPointer { before in
      gradient.withUnsafeBufferPointer { g in
        if record {
          for l in layers {
            l.weights.append(before.baseAddress! + l.offset)
            l.gradients.append(g.baseAddress! + l.offset)
          }
        }
        // Moves `before` on to `after` while it counts.
        downhill_np_count_flips(
          after, g.baseAddress!, before.baseAddress!, &lastUp, &flipCounts, before.count,
          observedSteps > 0 ? 1 : 0)
      }
    }
    if record {
      flipCounts.withUnsafeBufferPointer { f in
        for l in layers { l.flips.append(f.baseAddress! + l.offset) }
      }
    }
    observedSteps += 1
  }
}
