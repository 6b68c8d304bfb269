import Foundation

/// What a `History` keeps, and where.
public struct HistoryOptions: Sendable {
  /// How weights and gradients are stored (flip counts are always Int32).
  public enum Precision: String, Sendable, Codable, CaseIterable {
    case float32, float64
    var element: NPY.Element { self == .float32 ? .float32 : .float64 }
  }

  /// Record every k-th step (step 0 is always recorded).
  public var every: Int
  /// The layers to record (nil: all).
  public var layers: [Int]?
  /// Float32 halves the memory and files; Double keeps every bit.
  public var precision: Precision
  /// Stream the arrays to disk as they are recorded instead of keeping them in memory: into a
  /// temporary folder beside this one, which `save(to:)` this folder swaps in complete.
  public var streamingDirectory: URL?
  /// The most bytes an in-memory history may grow to; a run whose length is known and would
  /// exceed it is refused up front (stream it, record less often, or use float32).
  public var memoryBudget: Int?

  public init(
    every: Int = 1, layers: [Int]? = nil, precision: Precision = .float64,
    streamingDirectory: URL? = nil, memoryBudget: Int? = nil
  ) {
    self.every = max(every, 1)
    self.layers = layers
    self.precision = precision
    self.streamingDirectory = streamingDirectory
    self.memoryBudget = memoryBudget
  }
}
