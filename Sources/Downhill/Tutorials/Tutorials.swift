/// The tutorial programs of SEEDS.md, ported. Each returns exactly the text its Python version
/// (scripts/oracle/) prints, numbers at full precision.
public enum Tutorials {
  /// A tutorial the CLI can run by name.
  public struct Entry: Sendable {
    public let name: String
    public let summary: String
    public let run: @Sendable () throws -> String
  }

  /// Every runnable tutorial, in the order the CLI lists them.
  public static let catalogue: [Entry] = [
    Entry(name: "t1", summary: "one-weight sigmoid, the tutorial's gradient (without x)") {
      t1(gradient: .tutorial)
    },
    Entry(name: "t1-correct", summary: "one-weight sigmoid, the correct gradient") {
      t1(gradient: .correct)
    },
    Entry(name: "t2", summary: "gradient descent on x⁴ − 3x³ + 2 from x = 4") { t2() },
    Entry(name: "t3", summary: "the NOT gate with a bias input, weights from N(0, 5), seed 1") {
      t3()
    },
    Entry(name: "t4", summary: "XOR learning-rate sweep, hidden 4 (use --hidden 32)") {
      try t4(hidden: 4)
    },
    Entry(name: "t4-32", summary: "XOR learning-rate sweep, hidden 32") { try t4(hidden: 32) },
    Entry(name: "t4-flips", summary: "XOR sweep counting update sign flips per weight") {
      try t4Flips()
    },
    Entry(name: "t4-2layer", summary: "the 2-layer network, 10,000 iterations") { t4TwoLayer() },
    Entry(name: "t4-13line", summary: "the 13-line XOR network (α 0.5, hidden 4), seed 1") {
      t4ThirteenLine()
    },
    Entry(name: "t5", summary: "DNN [2,3,3,2], bias folded, 1000 updates to [0.3, 0.67]") {
      try t5()
    },
  ]

  /// The tutorial called `name`, if any.
  public static func entry(named name: String) -> Entry? {
    catalogue.first { $0.name == name.lowercased() }
  }
}
