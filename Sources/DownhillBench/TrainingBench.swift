import Downhill

enum TrainingBench {
  static func run() {
    // TODO(issue 3): T4 with full history; MNIST epochs.
  }
}
