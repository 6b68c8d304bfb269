/// Inputs and targets, one example per row.
public struct Dataset: Sendable {
  public var name: String
  public var inputs: Matrix
  public var targets: Matrix
  /// Where the data came from, if it can be loaded again (a saved history records it).
  public var source: DatasetSource?

  public init(name: String, inputs: Matrix, targets: Matrix, source: DatasetSource? = nil) {
    self.name = name
    self.inputs = inputs
    self.targets = targets
    self.source = source
  }

  /// Whether accuracy means something: one-hot targets (several columns), or one column of 0s
  /// and 1s (a binary problem such as XOR).
  public var hasClasses: Bool {
    targets.columns > 1
      || (targets.columns == 1 && targets.values.allSatisfy { $0 == 0 || $0 == 1 })
  }

  /// The first `count` examples (all of them when there are fewer).
  public func prefix(_ count: Int) -> Dataset {
    guard count < inputs.rows else { return self }
    let rows = Array(0..<max(count, 0))
    return Dataset(
      name: name, inputs: inputs.selectingRows(rows), targets: targets.selectingRows(rows))
  }
}
