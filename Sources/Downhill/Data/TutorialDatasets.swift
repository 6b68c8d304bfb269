/// The tutorials' small datasets, built in.
extension Dataset {
  /// XOR of two bits, four examples.
  public static let xor = Dataset(
    name: "xor", inputs: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]),
    targets: Matrix([[0], [1], [1], [0]]))
  public static let and = Dataset(
    name: "and", inputs: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]),
    targets: Matrix([[0], [0], [0], [1]]))
  public static let or = Dataset(
    name: "or", inputs: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]),
    targets: Matrix([[0], [1], [1], [1]]))
  /// NOT of one bit.
  public static let not = Dataset(
    name: "not", inputs: Matrix([[0], [1]]), targets: Matrix([[1], [0]]))
  /// T3's NOT gate with the bias column the data carries: X = [[0, 1], [1, 1]].
  public static let notGate = Dataset(
    name: "t3-not", inputs: Matrix([[0, 1], [1, 1]]), targets: Matrix([[1], [0]]))
  /// T1's five points, all with target 0.
  public static let t1 = Dataset(
    name: "t1", inputs: Matrix([[0.1], [0.25], [0.5], [0.75], [1.0]]),
    targets: Matrix(rows: 5, columns: 1))
  /// T4's XOR with a third, constant bias column.
  public static let t4XOR = Dataset(
    name: "t4-xor", inputs: Matrix([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]),
    targets: Matrix([[0], [1], [1], [0]]))
  /// T4's 2-layer data: the output copies the first input.
  public static let t4TwoLayer = Dataset(
    name: "t4-2layer", inputs: Matrix([[0, 1], [0, 1], [1, 0], [1, 0]]),
    targets: Matrix([[0], [0], [1], [1]]))
  /// T5's single example.
  public static let t5Example = Dataset(
    name: "t5", inputs: Matrix([[0.2, 0.3]]), targets: Matrix([[0.3, 0.67]]))

  /// A built-in dataset by name (xor, and, or, not, t1, t3, t4, t4-2layer, t5).
  public static func builtIn(named name: String) -> Dataset? {
    var dataset = builtInData(named: name)
    dataset?.source = .builtIn(name: name.lowercased())
    return dataset
  }

  private static func builtInData(named name: String) -> Dataset? {
    switch name.lowercased() {
    case "xor": .xor
    case "and": .and
    case "or": .or
    case "not": .not
    case "t1": .t1
    case "t3", "t3-not": .notGate
    case "t4", "t4-xor": .t4XOR
    case "t4-2layer": .t4TwoLayer
    case "t5": .t5Example
    default: nil
    }
  }
}
