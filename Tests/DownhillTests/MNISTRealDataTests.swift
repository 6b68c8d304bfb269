import Foundation
import Testing

@testable import Downhill

/// Loads the real MNIST files when `DOWNHILL_MNIST_DIR` names their directory (skipped
/// otherwise, so the suite never needs them). Timing in a release build:
///
///     DOWNHILL_MNIST_DIR=/work/shared/data/mnist swift test -c release \
///       -Xswiftc -enable-testing --filter MNISTRealDataTests
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DOWNHILL_MNIST_DIR"] != nil))
struct MNISTRealDataTests {
  let directory = URL(
    fileURLWithPath: ProcessInfo.processInfo.environment["DOWNHILL_MNIST_DIR"] ?? "/")

  @Test func loadsTheTrainingSet() throws {
    let clock = ContinuousClock()
    var data: Dataset?
    let elapsed = try clock.measure {
      data = try Dataset.mnist(directory: directory, split: .train)
    }
    let train = try #require(data)
    print("MNIST train: \(train.inputs.rows) images loaded in \(elapsed)")
    #expect(train.inputs.shape == (60_000, 784))
    #expect(train.targets.shape == (60_000, 10))
    #expect(train.inputs.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    // Every row is one-hot.
    for row in 0..<train.targets.rows {
      #expect(train.targets.values[(row * 10)..<(row * 10 + 10)].reduce(0, +) == 1)
    }
    // The first training label is famously a 5.
    #expect(train.targets[0, 5] == 1)
  }

  @Test func loadsTheTestSetWithALimit() throws {
    let test = try Dataset.mnist(directory: directory, split: .test, limit: 100)
    #expect(test.inputs.shape == (100, 784))
    // The first test label is a 7.
    #expect(test.targets[0, 7] == 1)
  }
}
