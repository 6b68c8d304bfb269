import CNumpyMath

/// Records one training step into a history's stores: the weights the step started from, its
/// gradient, and every parameter's running count of update sign flips.
///
/// A value with pointers to the state it updates, so that the thread recording (the training
/// thread, or the writer's thread for a streamed run) works from a copy of its own. The history
/// owns the memory and frees it with `deallocate`.
struct StepRecorder {
  /// One recorded layer: where its parameters start in the flat vector, and its stores' buffers.
  struct Layer {
    let offset: Int
    let weights: UnsafeMutablePointer<RecordBuffer>
    let gradients: UnsafeMutablePointer<RecordBuffer>
    let flips: UnsafeMutablePointer<RecordBuffer>
  }

  let layers: [Layer]
  let element: NPY.Element
  // One entry per parameter, in memory of its own: as arrays in a class, each step paid for
  // exclusivity and uniqueness checks on all three.
  let parameterCount: Int
  /// The parameters before the step being recorded.
  let previous: UnsafeMutablePointer<Double>
  /// Whether each parameter's last update moved it up: -1 (all bits) if it did, else 0.
  let lastUp: UnsafeMutablePointer<Int64>
  let flipCounts: UnsafeMutablePointer<Int32>

  /// Starts from `parameters`, with no flips counted.
  init(layers: [Layer], element: NPY.Element, parameters: [Double]) {
    self.layers = layers
    self.element = element
    parameterCount = parameters.count
    previous = .allocate(capacity: parameters.count)
    _ = UnsafeMutableBufferPointer(start: previous, count: parameters.count).initialize(
      from: parameters)
    lastUp = .allocate(capacity: parameters.count)
    lastUp.initialize(repeating: 0, count: parameters.count)
    flipCounts = .allocate(capacity: parameters.count)
    flipCounts.initialize(repeating: 0, count: parameters.count)
  }

  func deallocate() {
    previous.deallocate()
    lastUp.deallocate()
    flipCounts.deallocate()
  }

  /// One step: appends the parameters it started from (`previous`, which then moves on to
  /// `now`, the parameters after it) and its gradient if `record`, and counts flips (from the
  /// second step on, if `counting`).
  func record(
    now: UnsafePointer<Double>, gradient g: UnsafePointer<Double>, record: Bool, counting: Bool
  ) {
    if record {
      for l in layers {
        HistoryStore.append(previous + l.offset, to: l.weights, as: element)
        HistoryStore.append(g + l.offset, to: l.gradients, as: element)
      }
    }
    // In C, vectorized and branch-free (flips follow the data): the Swift loop was half of
    // observe's time, and SIMD types in Swift made the debug builds that draw figures slow.
    downhill_np_count_flips(
      now, g, previous, lastUp, flipCounts, parameterCount, counting ? 1 : 0)
    guard record else { return }
    for l in layers { HistoryStore.append(flipCounts + l.offset, to: l.flips) }
  }
}
