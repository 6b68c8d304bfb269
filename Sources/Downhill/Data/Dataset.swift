/// Inputs and targets, one example per row.
public struct Dataset: Sendable {
  public var name: String
  public var inputs: Matrix
  public var targets: Matrix

  public init(name: String, inputs: Matrix, targets: Matrix) {
    self.name = name
    self.inputs = inputs
    self.targets = targets
  }
}
