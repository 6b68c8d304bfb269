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
  /// Where a step's parameters are rebuilt from its gradient (`record(now: nil, …)`).
  let scratch: UnsafeMutablePointer<Double>

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
    scratch = .allocate(capacity: max(parameters.count, 1))
  }

  func deallocate() {
    previous.deallocate()
    lastUp.deallocate()
    flipCounts.deallocate()
    scratch.deallocate()
  }

  /// `count` steps at once: step s's parameters after the step at now + s·stride (or, if `now`
  /// is nil, the previous ones − `descentRate` · gradient, plain gradient descent's update) and
  /// its gradient at gradient + s·stride. Flips count from the first step if `countingFirst`,
  /// else from the second. In C, in runs that fit every store's current chunk: appending record
  /// by record was most of the writer thread's recording time.
  func record(
    now: UnsafePointer<Double>?, gradient: UnsafePointer<Double>, stride: Int, count: Int,
    countingFirst: Bool, descentRate: Double = 0
  ) {
    let n = layers.count
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * n) { geometry in
      withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3 * n) { out in
        for (i, l) in layers.enumerated() {
          geometry[i] = l.offset
          geometry[n + i] = l.weights.pointee.width
        }
        var done = 0
        while done < count {
          var run = count - done
          for l in layers {
            run = min(
              run, l.weights.pointee.room(), l.gradients.pointee.room(), l.flips.pointee.room())
          }
          for (i, l) in layers.enumerated() {
            out[i] = l.weights.pointee.take(run)
            out[n + i] = l.gradients.pointee.take(run)
            out[2 * n + i] = l.flips.pointee.take(run)
          }
          let base = out.baseAddress!
          downhill_np_record_steps(
            now.map { $0 + done * stride }, gradient + done * stride, stride, run, descentRate,
            scratch, parameterCount, previous, lastUp, flipCounts,
            countingFirst || done > 0 ? 1 : 0, n, geometry.baseAddress!,
            geometry.baseAddress! + n, base, base + n,
            UnsafeRawPointer(base + 2 * n).assumingMemoryBound(
              to: UnsafeMutablePointer<Int32>?.self),
            element == .float32 ? 1 : 0)
          done += run
        }
      }
    }
  }

  /// One step: appends the parameters it started from (`previous`, which then moves on to
  /// `now`, the parameters after it) and its gradient if `record`, and counts flips (from the
  /// second step on, if `counting`).
  func record(
    now: UnsafePointer<Double>, gradient g: UnsafePointer<Double>, record: Bool, counting: Bool
  ) {
    guard record else {
      // In C, vectorized and branch-free (flips follow the data): the Swift loop was half of
      // observe's time, and SIMD types in Swift made the debug builds that draw figures slow.
      return downhill_np_count_flips(
        now, g, previous, lastUp, flipCounts, parameterCount, counting ? 1 : 0)
    }
    self.record(now: now, gradient: g, stride: 0, count: 1, countingFirst: counting)
  }
}
